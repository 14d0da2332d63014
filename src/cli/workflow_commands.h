// `obolint install-hook` lives in cli/workflow_commands.cpp; its declaration is in commands.h.
#pragma once

#include "cli/commands.h"
