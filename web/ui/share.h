// web/ui/share.h: what a share link carries (the module's text, its breakpoints and watchpoints),
// taken from the debugger model and put back into one. The link's encoding (JSON, deflate-raw,
// base64url, a version prefix) is the page's business: web/share_link.js.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/result.h"
#include "core/runtime/trap_info.h"
#include "core/vm/session.h"

namespace mnemo::ui {

class DebuggerModel;

struct SharedSession {
  std::string name;  // "02-copy-record.wat"
  std::string text;  // the text as loaded (a binary module's printed WAT)
  // Instructions by module function index (imports counted) and index in the body: exact for
  // the text above, whatever line each is on.
  std::vector<CodeLocation> breakpoints;
  std::vector<Watchpoint> watchpoints;
};

// What the loaded module's link carries; an error when nothing is loaded.
Result<SharedSession> capture_shared(const DebuggerModel& model);

// Loads the shared text and sets its breakpoints and watchpoints. A text that does not load is an
// error (the previous module stays, as for any load); a breakpoint or watchpoint the module
// cannot have is left out, and each one left out is named in `skipped`.
Status apply_shared(DebuggerModel& model, const SharedSession& shared, std::vector<std::string>* skipped);

}  // namespace mnemo::ui
