-- A real editor as the client: headless Neovim (0.7+, its built-in LSP client) starts
-- `obolint server`, opens a Python file with OBO004, types a token into the unsaved buffer,
-- removes it again, and writes what it received to $OBOLINT_NVIM_OUT, one line per step.
-- Driven by nvim_session_test.py; the token comes from the environment (made at run time).
local binary = os.getenv("OBOLINT_BINARY")
local root = os.getenv("OBOLINT_NVIM_ROOT")
local token = os.getenv("OBOLINT_NVIM_TOKEN")
local out = assert(io.open(os.getenv("OBOLINT_NVIM_OUT"), "w"))

local function say(line)
  out:write(line .. "\n")
  out:flush()
end

local function codes(bufnr)
  local seen = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    seen[d.code or "?"] = d
  end
  return seen
end

local function wait_for(what, bufnr, predicate)
  local ok = vim.wait(30000, function() return predicate(codes(bufnr)) end, 50)
  if not ok then
    say("timeout: " .. what)
    vim.cmd("qa!")
  end
  return codes(bufnr)
end

local client = vim.lsp.start_client({
  name = "obolint",
  cmd = { binary, "server" },
  root_dir = root,
  flags = { debounce_text_changes = 50 },
})
vim.cmd("edit " .. root .. "/app.py")
local buf = vim.api.nvim_get_current_buf()
vim.lsp.buf_attach_client(buf, client)

local seen = wait_for("OBO004", buf, function(c) return c.OBO004 ~= nil end)
local d = seen.OBO004
local related = d.user_data and d.user_data.lsp and d.user_data.lsp.relatedInformation or {}
say(string.format("OBO004 line=%d severity=%d related=%d related_line=%d", d.lnum, d.severity,
  #related, related[1] and related[1].location.range.start.line or -1))

local last = vim.api.nvim_buf_line_count(buf)
vim.api.nvim_buf_set_lines(buf, last, last, false, { 'TOKEN = "' .. token .. '"' })
seen = wait_for("OBO003", buf, function(c) return c.OBO003 ~= nil end)
say(string.format("OBO003 line=%d col=%d message=%s", seen.OBO003.lnum, seen.OBO003.col,
  seen.OBO003.message))
say("modified=" .. tostring(vim.bo[buf].modified))

vim.api.nvim_buf_set_lines(buf, last, last + 1, false, {})
wait_for("OBO003 cleared", buf, function(c) return c.OBO003 == nil end)
say("OBO003 cleared")

vim.lsp.stop_client(client)
vim.wait(5000, function() return vim.lsp.get_client_by_id(client) == nil end, 50)
say("done")
out:close()
vim.cmd("qa!")
