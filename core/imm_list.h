// core/imm_list.h: ImmList<T>, the variable-length immediates of an instruction (br_table's labels,
// select's result types) in one pointer.
//
// Nearly every instruction has no such list, yet each Instr carried two empty std::vectors (48
// bytes) that every decoded body paid for in memory traffic. An ImmList is 8 bytes and empty
// without allocating; the rare instruction that has items keeps them in a vector of their own.
// It reads like the std::vector it replaces, so the code that builds and walks instructions
// (and compares a list with a vector) stays as it was.
#pragma once

#include <cstddef>
#include <initializer_list>
#include <memory>
#include <vector>

namespace mnemo {

template <class T>
class ImmList {
 public:
  using value_type = T;
  using iterator = T*;
  using const_iterator = const T*;

  ImmList() = default;
  ImmList(std::initializer_list<T> items) { assign(items.begin(), items.end()); }
  ImmList(const std::vector<T>& items) { assign(items.data(), items.data() + items.size()); }
  ImmList(const ImmList& other) { assign(other.begin(), other.end()); }
  ImmList(ImmList&&) noexcept = default;
  ImmList& operator=(const ImmList& other) {
    if (this != &other) assign(other.begin(), other.end());
    return *this;
  }
  ImmList& operator=(ImmList&&) noexcept = default;

  size_t size() const { return items_ ? items_->size() : 0; }
  bool empty() const { return size() == 0; }
  const T* data() const { return items_ ? items_->data() : nullptr; }
  T* data() { return items_ ? items_->data() : nullptr; }
  const T* begin() const { return data(); }
  const T* end() const { return data() + size(); }
  T* begin() { return data(); }
  T* end() { return data() + size(); }
  const T& operator[](size_t i) const { return (*items_)[i]; }
  T& operator[](size_t i) { return (*items_)[i]; }
  const T& back() const { return items_->back(); }

  void push_back(const T& item) {
    if (!items_) items_ = std::make_unique<std::vector<T>>();
    items_->push_back(item);
  }
  void reserve(size_t n) {
    if (n == 0) return;
    if (!items_) items_ = std::make_unique<std::vector<T>>();
    items_->reserve(n);
  }
  void clear() { items_.reset(); }

  friend bool operator==(const ImmList& a, const ImmList& b) { return equal(a, b.begin(), b.size()); }
  friend bool operator==(const ImmList& a, const std::vector<T>& b) { return equal(a, b.data(), b.size()); }

 private:
  void assign(const T* first, const T* last) {
    if (first == last) {
      items_.reset();
    } else {
      items_ = std::make_unique<std::vector<T>>(first, last);
    }
  }
  static bool equal(const ImmList& a, const T* b, size_t n) {
    if (a.size() != n) return false;
    for (size_t i = 0; i < n; ++i)
      if (!(a[i] == b[i])) return false;
    return true;
  }

  std::unique_ptr<std::vector<T>> items_;  // null while empty
};

}  // namespace mnemo
