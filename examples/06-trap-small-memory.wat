;; 06-trap-small-memory.wat: the same address is fine in a large memory and traps in a small one.
;;
;; Bounds are checked per memory: an access traps when address + size passes the end of the
;; memory it names. Memory 1 ($large) has 2 pages (0x20000 bytes), so address 0x10000 is inside
;; it; memory 0 ($small) has 1 page (0x10000 bytes), so the same address is one byte past its end
;; and `load_small` traps with "out of bounds memory access" (memory 0, address 0x10000, 4 bytes).
;;
;; expect: (assert_return (invoke "store_large") (i32.const 99))
;; expect: (assert_trap (invoke "load_small") "out of bounds memory access")
;; expect: (assert_return (invoke "last_small_word") (i32.const 0))
(module
  (memory $small 1)   ;; memory 0: 0x10000 bytes
  (memory $large 2)   ;; memory 1: 0x20000 bytes

  (func (export "store_large") (result i32)
    (i32.store $large (i32.const 0x10000) (i32.const 99))
    (i32.load $large (i32.const 0x10000)))

  (func (export "load_small") (result i32)
    (i32.load $small (i32.const 0x10000)))

  ;; The last in-bounds word of memory 0: 0xfffc..0xffff.
  (func (export "last_small_word") (result i32)
    (i32.load $small (i32.const 0xfffc))))
