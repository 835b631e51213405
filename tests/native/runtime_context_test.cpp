// tests/native/runtime_context_test.cpp: the plain context compiled code reads
// (core/runtime/context.h): every index space at its offset, views that follow grows, shared
// memories seen through the exporter's very view, functions pointing at their instance's context.
#include <gtest/gtest.h>

#include <cstring>

#include "vm_test_helpers.h"

namespace mnemo {
namespace {

using testing::i32;
using testing::World;

// What code compiled against the context does: load a pointer at a byte offset.
template <typename T>
T* load_at(const InstanceContext* ctx, size_t offset) {
  T* p;
  std::memcpy(&p, reinterpret_cast<const std::byte*>(ctx) + offset, sizeof p);
  return p;
}

TEST(RuntimeContext, EveryIndexSpaceAtItsOffset) {
  World w;
  Instance* inst = w.must_instantiate(R"((module
    (type $v (func))
    (type $i (func (param i32) (result i32)))
    (memory 1) (memory 0 3) (memory 2)
    (table 2 funcref) (table 0 externref)
    (global (mut i32) (i32.const 7)) (global i64 (i64.const -1))
    (func $f (type $i) (local.get 0))
    (func $g (type $v))
    (func (export "grow1") (param i32) (result i32) (memory.grow 1 (local.get 0)))
    (func (export "tgrow") (param i32) (result i32) (table.grow 1 (ref.null extern) (local.get 0)))
    (func (export "set") (global.set 0 (i32.const 42)))))");
  InstanceContext* ctx = inst->context();
  ASSERT_NE(ctx, nullptr);
  EXPECT_EQ(ctx->memory_count, 3u);
  EXPECT_EQ(ctx->table_count, 2u);
  EXPECT_EQ(ctx->global_count, 2u);
  EXPECT_EQ(ctx->func_count, 5u);
  EXPECT_EQ(ctx->fuel, w.store.fuel_counter());
  for (uint32_t i = 0; i < 3; ++i) {
    MemoryView* view = load_at<MemoryView>(ctx, InstanceContext::memory_offset(i));
    EXPECT_EQ(view, static_cast<MemoryView*>(inst->memories[i]));
    EXPECT_EQ(view->data, inst->memories[i]->data);
    EXPECT_EQ(view->size, inst->memories[i]->size);
  }
  EXPECT_EQ(load_at<MemoryView>(ctx, InstanceContext::memory_offset(2))->size, 2u * 65536);

  // Grows are seen through the same view: memory 1 from 0 to 2 pages, table 1 from 0 to 3.
  MemoryView* m1 = ctx->memory(1);
  EXPECT_EQ(m1->size, 0u);
  EXPECT_EQ(w.call_value(inst, "grow1", {i32(2)}), 0u);
  EXPECT_EQ(m1->size, 2u * 65536);
  ASSERT_NE(m1->data, nullptr);
  m1->data[m1->size - 1] = 0x5a;  // the last byte is there to be written
  EXPECT_EQ(inst->memories[1]->data[2 * 65536 - 1], 0x5a);
  TableView* t1 = load_at<TableView>(ctx, ctx->table_offset(1));
  EXPECT_EQ(t1->size, 0u);
  EXPECT_EQ(w.call_value(inst, "tgrow", {i32(3)}), 0u);
  EXPECT_EQ(t1->size, 3u);
  EXPECT_EQ(t1->elems, inst->tables[1]->elems.data());
  EXPECT_EQ(ctx->table(0)->size, 2u);

  uint64_t* g0 = load_at<uint64_t>(ctx, ctx->global_offset(0));
  EXPECT_EQ(uint32_t(*g0), 7u);
  w.call(inst, "set");
  EXPECT_EQ(uint32_t(*g0), 42u);
  EXPECT_EQ(*ctx->global(1), ~uint64_t(0));

  for (uint32_t i = 0; i < 5; ++i) {
    FuncEntry* f = load_at<FuncEntry>(ctx, ctx->func_offset(i));
    EXPECT_EQ(f, static_cast<FuncEntry*>(inst->funcs[i]));
    EXPECT_EQ(f->context, ctx);
  }
  // call_indirect compares interned ids: the context's table of them and the entries agree.
  EXPECT_EQ(ctx->func(0)->type_id, ctx->type_ids[1]);
  EXPECT_EQ(ctx->func(1)->type_id, ctx->type_ids[0]);
  EXPECT_NE(ctx->type_ids[0], ctx->type_ids[1]);
  EXPECT_EQ(ctx->total_bytes(), sizeof(InstanceContext) + sizeof(void*) * (3 + 2 + 2 + 5));
}

TEST(RuntimeContext, ImportsAreTheExportersOwnObjects) {
  World w;
  Instance* lib = w.must_instantiate(R"((module
    (memory (export "mem") 1)
    (func (export "f") (param i32) (result i32) (local.get 0))))");
  w.registered["lib"] = lib;
  Instance* app = w.must_instantiate(R"((module
    (import "lib" "f" (func (param i32) (result i32)))
    (import "lib" "mem" (memory 1))
    (memory 1)
    (func (export "grow") (result i32) (memory.grow 0 (i32.const 1)))))");  // the imported one
  InstanceContext* ctx = app->context();
  // Imports come first in each index space.
  EXPECT_EQ(ctx->memory(0), static_cast<MemoryView*>(lib->memories[0]));
  EXPECT_EQ(ctx->memory(0), lib->context()->memory(0));
  EXPECT_EQ(ctx->memory(1), static_cast<MemoryView*>(app->memories[1]));
  EXPECT_EQ(w.call_value(app, "grow"), 1u);
  EXPECT_EQ(lib->context()->memory(0)->size, 2u * 65536);
  // The imported function keeps its own instance's context; the defined ones get this one.
  EXPECT_EQ(ctx->func(0)->context, lib->context());
  EXPECT_EQ(ctx->func(1)->context, ctx);
}

TEST(RuntimeContext, HostFunctionsHaveNoContext) {
  World w;
  FuncInstance* host = w.store.add_host_func(FuncType{}, [](auto, auto) { return std::nullopt; }, "env.f");
  Result<Instance*> env = w.store.add_instance();
  ASSERT_TRUE(env);
  (*env)->exports["f"] = ExternVal{ExternKind::Func, host, nullptr, nullptr, nullptr};
  w.registered["env"] = *env;
  Instance* app = w.must_instantiate(R"((module (import "env" "f" (func)) (func (export "g") (call 0))))");
  EXPECT_EQ(app->context()->func(0)->context, nullptr);
  EXPECT_EQ(app->context()->func(0)->native, nullptr);
  EXPECT_FALSE(w.call(app, "g").trap);
}

}  // namespace
}  // namespace mnemo
