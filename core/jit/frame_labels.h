// core/jit/frame_labels.h: the control frames of a function being compiled, as a baseline
// compiler's branches see them: where a branch to each frame goes (a loop's start, any other
// frame's end, and an if's else) and the merge state every arrival there agrees on
// (core/jit/value_location.h). The walk (core/walk/body_walk.h) keeps the frames' types and
// heights; this keeps what the machine code needs, in the backend's Label type.
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

#include "core/jit/value_location.h"

namespace mnemo::jit {

template <typename Label>
struct FrameLabels {
  Label target;
  Label else_;
  bool has_else = false;
  // Where every arrival leaves the locals and memory bases: a loop's is its header's; any other
  // frame's is taken from the first arrival (has_state), so that it is one arrival's as it is.
  MergeState state;
  bool has_state = false;
  MergeState entry;  // an if's state at its start, where its else (or the false path) begins

  // The state a branch here leaves: `first()` (the value stack's merge target now) when this is
  // the first arrival, else the one the first set.
  template <typename First>
  const MergeState& arrival(First first) {
    if (!has_state) {
      state = first();
      has_state = true;
    }
    return state;
  }
};

// The frames, innermost last; a branch's depth counts from the innermost.
template <typename Label>
class LabelStack {
 public:
  FrameLabels<Label>& push() { return frames_.emplace_back(); }
  void pop() { frames_.pop_back(); }
  // The innermost frame, removed (its labels still to be bound).
  FrameLabels<Label> take_innermost() {
    FrameLabels<Label> f = std::move(frames_.back());
    frames_.pop_back();
    return f;
  }
  FrameLabels<Label>& innermost() { return frames_.back(); }
  FrameLabels<Label>& at_depth(uint32_t depth) { return frames_[frames_.size() - 1 - depth]; }

 private:
  std::vector<FrameLabels<Label>> frames_;
};

}  // namespace mnemo::jit
