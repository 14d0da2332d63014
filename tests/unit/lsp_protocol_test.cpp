// The language server's plumbing: Content-Length framing (broken headers, oversized bodies, end of
// input), JSON-RPC classification, redaction of outgoing messages, positions and URIs.
#include <gtest/gtest.h>
#include <unistd.h>

#include <nlohmann/json.hpp>
#include <thread>

#include "core/json_nesting.h"
#include "core/rules.h"
#include "lsp/framing.h"
#include "lsp/positions.h"
#include "lsp/protocol.h"
#include "lsp/server.h"
#include "lsp/uri.h"
#include "text/secret_scanner.h"

namespace obolint::lsp {
namespace {

using nlohmann::json;

// Frames read from `input` written to a pipe (then closed) with a body limit of `max_body`.
std::vector<Frame> frames_of(const std::string& input, std::size_t max_body = 1024) {
  int fds[2];
  EXPECT_EQ(pipe(fds), 0);
  std::thread writer([&] {
    std::size_t done = 0;
    while (done < input.size()) {
      ssize_t n = write(fds[1], input.data() + done, input.size() - done);
      if (n <= 0) break;
      done += static_cast<std::size_t>(n);
    }
    close(fds[1]);
  });
  FrameReader reader(fds[0], max_body);
  std::vector<Frame> out;
  while (true) {
    Frame f = reader.next();
    if (f.kind == Frame::Kind::End) break;
    out.push_back(std::move(f));
  }
  writer.join();
  close(fds[0]);
  return out;
}

TEST(LspFraming, MessagesInOneStream) {
  auto frames =
      frames_of("Content-Length: 2\r\n\r\n{}Content-Type: x\r\ncontent-length:  3\r\n\r\n[1]");
  ASSERT_EQ(frames.size(), 2u);
  EXPECT_EQ(frames[0].kind, Frame::Kind::Message);
  EXPECT_EQ(frames[0].body, "{}");
  EXPECT_EQ(frames[1].body, "[1]");
}

TEST(LspFraming, BrokenHeadersAreSkippedNotFatal) {
  auto frames = frames_of(
      "Content-Type: text\r\n\r\n"   // no Content-Length
      "Content-Length: ten\r\n\r\n"  // not a number
      "garbage line\r\n\r\n"         // no colon
      "Content-Length: 2\r\n\r\n{}");
  ASSERT_EQ(frames.size(), 4u);
  EXPECT_EQ(frames[0].kind, Frame::Kind::Malformed);
  EXPECT_NE(frames[0].error.find("no Content-Length"), std::string::npos);
  EXPECT_EQ(frames[1].kind, Frame::Kind::Malformed);
  EXPECT_NE(frames[1].error.find("not a number"), std::string::npos);
  EXPECT_EQ(frames[2].kind, Frame::Kind::Malformed);
  EXPECT_EQ(frames[3].kind, Frame::Kind::Message);
}

TEST(LspFraming, OversizedBodyDroppedAndStreamGoesOn) {
  std::string big(5000, 'x');
  auto frames = frames_of("Content-Length: 5000\r\n\r\n" + big + "Content-Length: 2\r\n\r\n{}");
  ASSERT_EQ(frames.size(), 2u);
  EXPECT_EQ(frames[0].kind, Frame::Kind::TooLarge);
  EXPECT_EQ(frames[0].length, 5000u);
  EXPECT_TRUE(frames[0].body.empty());
  EXPECT_EQ(frames[1].body, "{}");
}

TEST(LspFraming, EndlessHeaderAndTruncatedBody) {
  auto frames = frames_of(std::string(kMaxHeaderBlock + 10, 'h'));
  ASSERT_GE(frames.size(), 1u);
  EXPECT_EQ(frames[0].kind, Frame::Kind::Malformed);
  EXPECT_TRUE(frames_of("Content-Length: 10\r\n\r\n{}").empty());  // input ends first: End
}

TEST(LspFraming, WriteFrame) {
  int fds[2];
  ASSERT_EQ(pipe(fds), 0);
  ASSERT_TRUE(write_frame(fds[1], "{\"a\":1}"));
  close(fds[1]);
  char buf[64] = {};
  ssize_t n = read(fds[0], buf, sizeof buf);
  close(fds[0]);
  EXPECT_EQ(std::string(buf, static_cast<std::size_t>(n)), "Content-Length: 7\r\n\r\n{\"a\":1}");
}

TEST(LspProtocol, Classify) {
  auto req = classify_message(json::parse(R"({"jsonrpc":"2.0","id":1,"method":"m","params":{}})"));
  EXPECT_EQ(req.kind, Incoming::Kind::Request);
  auto note = classify_message(json::parse(R"({"jsonrpc":"2.0","method":"n"})"));
  EXPECT_EQ(note.kind, Incoming::Kind::Notification);
  EXPECT_TRUE(note.params.is_object());
  auto reply = classify_message(json::parse(R"({"jsonrpc":"2.0","id":3,"result":null})"));
  EXPECT_EQ(reply.kind, Incoming::Kind::Response);
  for (const char* bad :
       {R"([])", R"(1)", R"({"id":1,"method":"m"})", R"({"jsonrpc":"2.0","id":1,"method":5})",
        R"({"jsonrpc":"2.0","id":{},"method":"m"})",
        R"({"jsonrpc":"2.0","id":1,"method":"m","params":3})",
        R"({"jsonrpc":"2.0","id":null,"method":"m"})"}) {
    EXPECT_EQ(classify_message(json::parse(bad)).kind, Incoming::Kind::Invalid) << bad;
  }
  EXPECT_EQ(classify_message(json::parse(R"({"jsonrpc":"2.0","id":"x","method":5})")).id, "x");
}

TEST(LspProtocol, ErrorsAndParams) {
  json e = error_response(7, kMethodNotFound, "unknown method");
  EXPECT_EQ(e["error"]["code"], -32601);
  EXPECT_EQ(e["id"], 7);
  EXPECT_THROW(member(json::object(), "uri"), ParamsError);
  EXPECT_THROW(string_member(json{{"uri", 1}}, "uri"), ParamsError);
  EXPECT_THROW(int_member(json{{"line", "1"}}, "line"), ParamsError);
  EXPECT_EQ(int_member(json{{"line", 4}}, "line"), 4);
}

TEST(LspProtocol, NestingIsMeasuredWithoutParsing) {
  EXPECT_EQ(json_nesting(R"({"a":[1,{"b":"[[[["}]})"), 3);
  EXPECT_EQ(json_nesting(std::string(1000, '[')), 1000);
  EXPECT_EQ(json_nesting(R"("\"[")"), 0);
}

TEST(LspProtocol, OutgoingStringsAreRedactedButUrisKept) {
  RuleSet rules = RuleSet::load(default_rules_dir());
  SecretScanner secrets(rules);
  std::string token = "dapi" + std::string(16, 'a') + std::string(16, 'b');
  json m = log_message(3, "read " + token);
  m["params"]["uri"] = "file:///x/" + token;
  redact_strings(m, secrets);
  std::string text = m.dump();
  EXPECT_NE(text.find("dapi****bbbb"), std::string::npos) << text;
  EXPECT_EQ(m["params"]["message"].get<std::string>().find(token), std::string::npos);
  EXPECT_EQ(m["params"]["uri"], "file:///x/" + token);  // the client's own name, unchanged
}

TEST(LspPositions, Utf16Columns) {
  // "é" is one unit, "😀" (outside the BMP) two: code-point column 3 is after both.
  std::string line = "\xc3\xa9\xf0\x9f\x98\x80x";
  EXPECT_EQ(utf16_before_column(line, 1), 0);
  EXPECT_EQ(utf16_before_column(line, 2), 1);
  EXPECT_EQ(utf16_before_column(line, 3), 3);
  EXPECT_EQ(utf16_length(line), 4);
  EXPECT_EQ(byte_of_utf16(line, 1), 2u);
  EXPECT_EQ(byte_of_utf16(line, 3), 6u);
  EXPECT_EQ(byte_of_utf16(line, 99), line.size());
}

TEST(LspUri, RoundTrip) {
  auto p = path_from_uri("file:///tmp/a%20b/c%C3%A9.py");
  ASSERT_TRUE(p);
  EXPECT_EQ(p->string(), "/tmp/a b/c\xc3\xa9.py");
  EXPECT_EQ(uri_from_path(*p), "file:///tmp/a%20b/c%C3%A9.py");
  EXPECT_FALSE(path_from_uri("untitled:Untitled-1"));
  EXPECT_FALSE(path_from_uri("file://remote/x.py"));
  EXPECT_FALSE(path_from_uri("file:///bad%zz"));
}

}  // namespace
}  // namespace obolint::lsp
