// core/runtime/link.h: resolving a module's imports (spec 4.5.4 "Instantiation", steps 3-4, and
// 4.5.2 "Import matching"), and evaluating constant expressions (spec 3.3.10, 4.4.*).
#pragma once

#include <functional>
#include <optional>
#include <string_view>
#include <vector>

#include "core/module.h"
#include "core/result.h"
#include "core/runtime/store.h"

namespace mnemo {

// Finds the external value exported as `name` by the module registered as `module`.
using ImportResolver = std::function<std::optional<ExternVal>(std::string_view module, std::string_view name)>;

// One external value per import, in order. Errors use the spec suite's wording: "unknown import"
// (nothing under that name) and "incompatible import type" (kind or type does not match).
Result<std::vector<ExternVal>> resolve_imports(const Module& module, const ImportResolver& resolve);

// Spec 4.5.2: limits {min, max} match the required {rmin, rmax} when min >= rmin and, if rmax is
// present, max is present and max <= rmax.
bool limits_match(const Limits& actual, const Limits& required);

// Evaluates a validated constant expression (t.const, ref.null, ref.func, global.get) into slots
// (two for v128). `funcs` and `globals` are the instance's index spaces.
void eval_const(const Expr& expr, const std::vector<FuncInstance*>& funcs,
                const std::vector<GlobalInstance*>& globals, uint64_t out[2]);

}  // namespace mnemo
