// core/script/runner.cpp: the verdict of each script command. Module checks run here; execution
// is delegated to the Executor (or skipped without one).
#include "core/script/runner.h"

#include <map>

#include "core/script/load.h"
#include "core/script/match.h"

namespace mnemo {
namespace {

std::string quoted(const std::string& text) { return "\"" + text + "\""; }

// The reference interpreter's rule: the script's failure text is a prefix of the actual message.
bool message_matches(const std::string& expected, const std::string& actual) {
  return actual.compare(0, expected.size(), expected) == 0;
}

bool lifted_by_multi_memory(const std::string& message) {
  for (const char* lifted : kLiftedByMultiMemory)
    if (message == lifted) return true;
  return false;
}

std::string join(const std::vector<std::string>& parts) {
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) out += (i ? ", " : "") + parts[i];
  return out.empty() ? "no results" : out;
}

std::string describe_results(const std::vector<Value>& values) {
  std::vector<std::string> parts;
  for (const Value& v : values) parts.push_back(describe(v));
  return join(parts);
}

std::string describe_expected(const std::vector<Expected>& expected) {
  std::vector<std::string> parts;
  for (const Expected& e : expected) parts.push_back(describe(e));
  return join(parts);
}

std::string describe_outcome(const ActionOutcome& o) {
  switch (o.kind) {
    case ActionOutcome::Kind::Values: return describe_results(o.values);
    case ActionOutcome::Kind::Trap: return "trap: " + o.message;
    case ActionOutcome::Kind::Exhaustion: return "exhaustion: " + o.message;
    case ActionOutcome::Kind::Error: return "error: " + o.message;
  }
  return "?";
}

std::string describe_outcome(const InstantiateOutcome& o) {
  switch (o.kind) {
    case InstantiateOutcome::Kind::Ok: return "instantiated";
    case InstantiateOutcome::Kind::Unlinkable: return "unlinkable: " + o.message;
    case InstantiateOutcome::Kind::Trap: return "trap: " + o.message;
  }
  return "?";
}

std::string describe_action(const Action& a) {
  std::string out = a.kind == Action::Kind::Invoke ? "invoke " : "get ";
  if (!a.instance.empty()) out += a.instance + " ";
  return out + quoted(a.name);
}

class ScriptRun {
 public:
  ScriptRun(const Script& script, const RunOptions& options)
      : script_(script), executor_(options.executor), multi_memory_(options.multi_memory) {}

  CommandReport run(const Command& cmd) {
    CommandReport r;
    r.kind = cmd.kind;
    r.line = cmd.line;
    r.column = cmd.column;
    switch (cmd.kind) {
      case CommandKind::Module: run_module(cmd, r); break;
      case CommandKind::Instance: run_instance(cmd, r); break;
      case CommandKind::Register: run_register(cmd, r); break;
      case CommandKind::Action:
      case CommandKind::AssertReturn:
      case CommandKind::AssertExhaustion: run_action(cmd, r); break;
      case CommandKind::AssertTrap:
        if (cmd.module)
          run_instantiation_assert(cmd, r, InstantiateOutcome::Kind::Trap);
        else
          run_action(cmd, r);
        break;
      case CommandKind::AssertMalformed: run_malformed(cmd, r); break;
      case CommandKind::AssertInvalid: run_invalid(cmd, r); break;
      case CommandKind::AssertUnlinkable: run_instantiation_assert(cmd, r, InstantiateOutcome::Kind::Unlinkable); break;
      case CommandKind::AssertUninstantiable: run_instantiation_assert(cmd, r, InstantiateOutcome::Kind::Trap); break;
    }
    return r;
  }

 private:
  static void skip(CommandReport& r) {
    r.verdict = Verdict::Skipped;
    r.actual = kNeedsInterpreter;
  }
  static void fail(CommandReport& r, std::string actual) {
    r.verdict = Verdict::Failed;
    r.actual = std::move(actual);
  }
  // A module check that contradicts the script: failed, unless multi-memory lifts the rule.
  void fail_check(const Command& cmd, CommandReport& r, std::string actual) const {
    if (multi_memory_ && lifted_by_multi_memory(cmd.message)) {
      r.verdict = Verdict::Skipped;
      r.actual = std::string(kLiftedReason) + "; " + actual;
      return;
    }
    fail(r, std::move(actual));
  }
  // A pass whose message is compared with the script's text; `shown` may add where it happened.
  static void pass_with_message(const Command& cmd, CommandReport& r, const std::string& message,
                                const std::string& shown) {
    r.verdict = Verdict::Passed;
    r.actual = shown;
    r.message_mismatch = !message_matches(cmd.message, message);
  }
  static void pass_with_message(const Command& cmd, CommandReport& r, const std::string& message) {
    pass_with_message(cmd, r, message, message);
  }
  static void pass_with_message(const Command& cmd, CommandReport& r, const Error& error) {
    pass_with_message(cmd, r, error.message, error.str());
  }

  void run_module(const Command& cmd, CommandReport& r) {
    r.expected = "a valid module";
    CheckedModule m = check_script_module(script_, *cmd.module);
    if (m.stage != CheckedModule::Stage::Valid) {
      fail(r, std::string(m.stage == CheckedModule::Stage::Malformed ? "malformed: " : "invalid: ") + m.error.str());
      return;
    }
    auto module = std::make_shared<const Module>(std::move(m.module));
    if (cmd.module->definition) {
      definitions_[cmd.module->id] = module;
      definitions_[""] = std::move(module);
      r.verdict = Verdict::Passed;
      return;
    }
    if (!executor_) {
      r.verdict = Verdict::Passed;
      return;
    }
    instantiate(std::move(module), cmd.module->id, InstantiateOutcome::Kind::Ok, cmd, r);
  }

  void run_instance(const Command& cmd, CommandReport& r) {
    r.expected = "an instance";
    if (!executor_) return skip(r);
    auto it = definitions_.find(cmd.module_id);
    if (it == definitions_.end())
      return fail(r, "no module definition " + (cmd.module_id.empty() ? std::string("before it") : cmd.module_id));
    instantiate(it->second, cmd.instance, InstantiateOutcome::Kind::Ok, cmd, r);
  }

  void run_register(const Command& cmd, CommandReport& r) {
    r.expected = "register " + quoted(cmd.name);
    if (!executor_) return skip(r);
    Status s = executor_->register_instance(cmd.name, cmd.instance);
    if (!s) return fail(r, s.error().str());
    r.verdict = Verdict::Passed;
  }

  // assert_unlinkable / assert_uninstantiable / assert_trap on a module: the module must be valid
  // before instantiation can fail as expected.
  void run_instantiation_assert(const Command& cmd, CommandReport& r, InstantiateOutcome::Kind want) {
    r.expected = std::string(want == InstantiateOutcome::Kind::Trap ? "instantiation trap: " : "unlinkable: ") +
                 quoted(cmd.message);
    CheckedModule m = check_script_module(script_, *cmd.module);
    if (m.stage != CheckedModule::Stage::Valid) {
      fail(r, std::string(m.stage == CheckedModule::Stage::Malformed ? "malformed: " : "invalid: ") + m.error.str());
      return;
    }
    if (!executor_) return skip(r);
    instantiate(std::make_shared<const Module>(std::move(m.module)), cmd.module->id, want, cmd, r);
  }

  void instantiate(std::shared_ptr<const Module> module, const std::string& id, InstantiateOutcome::Kind want, const Command& cmd,
                   CommandReport& r) {
    InstantiateOutcome o = executor_->instantiate(std::move(module), id);
    if (o.kind != want) return fail(r, describe_outcome(o));
    if (want == InstantiateOutcome::Kind::Ok) {
      r.verdict = Verdict::Passed;
      r.actual = describe_outcome(o);
    } else {
      pass_with_message(cmd, r, o.message);
    }
  }

  void run_action(const Command& cmd, CommandReport& r) {
    const Action& action = *cmd.action;
    switch (cmd.kind) {
      case CommandKind::AssertReturn: r.expected = describe_action(action) + " -> " + describe_expected(cmd.expected); break;
      case CommandKind::AssertTrap: r.expected = describe_action(action) + " -> trap " + quoted(cmd.message); break;
      case CommandKind::AssertExhaustion: r.expected = describe_action(action) + " -> exhaustion " + quoted(cmd.message); break;
      default: r.expected = describe_action(action) + " -> any results"; break;
    }
    if (!executor_) return skip(r);
    ActionOutcome o = executor_->perform(action);
    switch (cmd.kind) {
      case CommandKind::AssertReturn:
        if (o.kind == ActionOutcome::Kind::Values && matches(cmd.expected, o.values)) {
          r.verdict = Verdict::Passed;
          r.actual = describe_outcome(o);
          return;
        }
        return fail(r, describe_outcome(o));
      case CommandKind::AssertTrap:
        if (o.kind == ActionOutcome::Kind::Trap) return pass_with_message(cmd, r, o.message);
        return fail(r, describe_outcome(o));
      case CommandKind::AssertExhaustion:
        if (o.kind == ActionOutcome::Kind::Exhaustion) return pass_with_message(cmd, r, o.message);
        return fail(r, describe_outcome(o));
      default:
        if (o.kind == ActionOutcome::Kind::Values) {
          r.verdict = Verdict::Passed;
          r.actual = describe_outcome(o);
          return;
        }
        return fail(r, describe_outcome(o));
    }
  }

  // Passes only when reading (parsing / decoding) fails; a module that reads fine is not
  // malformed even when validation rejects it.
  void run_malformed(const Command& cmd, CommandReport& r) {
    r.expected = "malformed: " + quoted(cmd.message);
    CheckedModule m = check_script_module(script_, *cmd.module);
    switch (m.stage) {
      case CheckedModule::Stage::Malformed: return pass_with_message(cmd, r, m.error);
      case CheckedModule::Stage::Invalid: return fail_check(cmd, r, "read fine, then failed validation: " + m.error.str());
      case CheckedModule::Stage::Valid: return fail_check(cmd, r, "read and validated fine");
    }
  }

  // Passes only when reading succeeds and validation fails.
  void run_invalid(const Command& cmd, CommandReport& r) {
    r.expected = "invalid: " + quoted(cmd.message);
    CheckedModule m = check_script_module(script_, *cmd.module);
    switch (m.stage) {
      case CheckedModule::Stage::Malformed: return fail(r, "malformed: " + m.error.str());
      case CheckedModule::Stage::Invalid: return pass_with_message(cmd, r, m.error);
      case CheckedModule::Stage::Valid: return fail_check(cmd, r, "validated fine");
    }
  }

  const Script& script_;
  Executor* executor_;
  bool multi_memory_;
  std::map<std::string, std::shared_ptr<const Module>> definitions_;  // (module definition $id ...); "" is the most recent
};

}  // namespace

ScriptReport run_script(const Script& script, const RunOptions& options) {
  ScriptReport report;
  ScriptRun run(script, options);
  for (const Command& cmd : script.commands) {
    CommandReport r = run.run(cmd);
    switch (r.verdict) {
      case Verdict::Passed: ++report.passed; break;
      case Verdict::Failed: ++report.failed; break;
      case Verdict::Skipped: ++report.skipped; break;
    }
    if (r.message_mismatch) ++report.message_mismatches;
    report.commands.push_back(std::move(r));
  }
  return report;
}

}  // namespace mnemo
