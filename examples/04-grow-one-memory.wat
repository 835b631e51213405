;; 04-grow-one-memory.wat: `memory.grow` on one memory leaves the others alone.
;;
;; Each memory has its own size and limits. `memory.grow $m n` adds n pages (64 KiB each) to
;; memory $m only and returns its old size in pages, or -1 when the memory's maximum would be
;; passed (the memory is then unchanged). `memory.size $m` reads one memory's size.
;;
;; expect: (assert_return (invoke "grow_small") (i32.const 1))
;; expect: (assert_return (invoke "sizes") (i32.const 30201))
;; expect: (assert_return (invoke "grow_capped") (i32.const -1))
;; expect: (assert_return (invoke "sizes") (i32.const 30201))
(module
  (memory $small 1 4)    ;; memory 0: 1 page, may grow to 4
  (memory $big 2)        ;; memory 1: 2 pages, no maximum
  (memory $capped 1 1)   ;; memory 2: exactly 1 page, cannot grow

  ;; Grows memory 0 by 2 pages: returns the old size, 1.
  (func (export "grow_small") (result i32)
    (memory.grow $small (i32.const 2)))

  ;; Fails: memory 2 is at its maximum. Returns -1 and changes nothing.
  (func (export "grow_capped") (result i32)
    (memory.grow $capped (i32.const 1)))

  ;; The three sizes packed as decimal digits: small*10000 + big*100 + capped.
  (func (export "sizes") (result i32)
    (i32.add
      (i32.add (i32.mul (memory.size $small) (i32.const 10000))
               (i32.mul (memory.size $big) (i32.const 100)))
      (memory.size $capped))))
