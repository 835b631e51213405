// web/playground.h: the one running playground's debugger model (web/debugger_main.cpp owns it),
// for the page API's parts kept in files of their own (web/debugger_share.cpp).
#pragma once

#include "web/ui/debugger_model.h"

namespace mnemo::web {

mnemo::ui::DebuggerModel& playground_model();

}  // namespace mnemo::web
