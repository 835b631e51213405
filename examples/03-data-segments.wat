;; 03-data-segments.wat: data segments placed into memory 1 and memory 2.
;;
;; An active data segment names the memory it initializes: `(data (memory $m) offset "bytes")`.
;; Without a name it goes to memory 0. A passive segment (no memory, no offset) is copied later by
;; `memory.init $m $segment`, into whichever memory the instruction names, and `data.drop` frees
;; it; using a dropped segment again with a non-zero length traps.
;;
;; `run` copies the passive segment into memory 2, drops it and adds one byte from each place:
;; 1 (memory 1) + 109, the 'm' of "mnemo" (memory 2) + 0x20 (copied by memory.init) + 0 (memory 0,
;; which no segment touches) = 142. A second `run` traps: the segment is gone.
;;
;; expect: (assert_return (invoke "run") (i32.const 142))
;; expect: (assert_trap (invoke "run") "out of bounds memory access")
(module
  (memory $plain 1)   ;; memory 0: no data
  (memory $m1 1)      ;; memory 1
  (memory $m2 1)      ;; memory 2

  (data (memory $m1) (i32.const 8) "\01\02\03\04")   ;; active, into memory 1 at 8
  (data (memory $m2) (i32.const 0) "mnemo")          ;; active, into memory 2 at 0
  (data $later "\10\20")                             ;; passive: placed by memory.init

  (func (export "run") (result i32)
    ;; memory 2 [16..18) = segment $later [0..2)
    (memory.init $m2 $later (i32.const 16) (i32.const 0) (i32.const 2))
    (data.drop $later)
    (i32.add
      (i32.add (i32.load8_u $m1 (i32.const 8))      ;; 1
               (i32.load8_u $m2 (i32.const 0)))     ;; 'm' = 109
      (i32.add (i32.load8_u $m2 (i32.const 17))     ;; 0x20 = 32
               (i32.load8_u $plain (i32.const 8)))))) ;; 0
