// core/vm/history_checkpoint.cpp: taking and restoring a time-travel checkpoint: the session's
// thread and its instance's globals, tables, dropped segments and fuel (core/vm/history.h).
#include <algorithm>

#include "core/vm/history.h"

namespace mnemo::vm {

SegmentImages segment_images(const Instance& instance) {
  SegmentImages images;
  for (const DataInstance& d : instance.datas) images.datas.push_back(d.bytes);
  for (const ElemInstance& e : instance.elems) images.elems.push_back(e.refs);
  return images;
}

Checkpoint take_checkpoint(Thread& thread, const Instance& instance, const Checkpoint* previous) {
  Checkpoint c;
  uint64_t* const base = thread.stack_begin();
  c.slots.assign(base, thread.sp);
  c.frames.assign(thread.frames(), thread.frames() + thread.depth);
  c.sp = size_t(thread.sp - base);
  c.fp = size_t(thread.fp - base);
  c.ip = thread.ip;
  c.cur = thread.cur;
  c.depth = thread.depth;
  for (const GlobalInstance* g : instance.globals) c.globals.push_back({g->value[0], g->value[1]});
  for (size_t i = 0; i < instance.tables.size(); ++i) {
    const std::vector<uint64_t>& elems = instance.tables[i]->elems;
    if (previous && i < previous->tables.size() && *previous->tables[i] == elems) {
      c.tables.push_back(previous->tables[i]);
    } else {
      c.tables.push_back(std::make_shared<const std::vector<uint64_t>>(elems));
      c.table_bytes += elems.size() * sizeof(uint64_t);
    }
  }
  for (const DataInstance& d : instance.datas) c.datas_dropped.push_back(d.bytes.empty());
  for (const ElemInstance& e : instance.elems) c.elems_dropped.push_back(e.refs.empty());
  if (const InstanceContext* context = instance.context(); context && context->fuel) c.fuel = *context->fuel;
  return c;
}

void restore_checkpoint(const Checkpoint& c, Thread& thread, Instance& instance, const SegmentImages& images) {
  uint64_t* const base = thread.stack_begin();
  std::copy(c.slots.begin(), c.slots.end(), base);
  std::copy(c.frames.begin(), c.frames.end(), thread.frames());
  thread.sp = base + c.sp;
  thread.fp = base + c.fp;
  thread.ip = c.ip;
  thread.cur = c.cur;
  thread.depth = c.depth;
  thread.trap = TrapRecord{};
  for (size_t i = 0; i < c.globals.size() && i < instance.globals.size(); ++i) {
    instance.globals[i]->value[0] = c.globals[i][0];
    instance.globals[i]->value[1] = c.globals[i][1];
  }
  for (size_t i = 0; i < c.tables.size() && i < instance.tables.size(); ++i) {
    TableInstance& t = *instance.tables[i];
    if (t.elems == *c.tables[i]) continue;
    t.resize(c.tables[i]->size(), 0);
    std::copy(c.tables[i]->begin(), c.tables[i]->end(), t.elems.begin());
  }
  // A segment dropped later than the checkpoint gets its bytes back; one dropped before it is
  // dropped again (a drop is the only change a segment ever sees).
  for (size_t i = 0; i < c.datas_dropped.size() && i < instance.datas.size(); ++i) {
    std::vector<uint8_t>& bytes = instance.datas[i].bytes;
    if (c.datas_dropped[i]) std::vector<uint8_t>().swap(bytes);
    else if (bytes.empty() && i < images.datas.size()) bytes = images.datas[i];
  }
  for (size_t i = 0; i < c.elems_dropped.size() && i < instance.elems.size(); ++i) {
    std::vector<uint64_t>& refs = instance.elems[i].refs;
    if (c.elems_dropped[i]) std::vector<uint64_t>().swap(refs);
    else if (refs.empty() && i < images.elems.size()) refs = images.elems[i];
  }
  if (InstanceContext* context = instance.context(); context && context->fuel && c.fuel) *context->fuel = *c.fuel;
}

}  // namespace mnemo::vm
