;; 07-simd-memory1.wat: SIMD loads, stores and lane accesses on memory 1.
;;
;; Every v128 memory instruction takes a memory index too: `v128.load $m`, `v128.store $m`, and
;; the lane forms `v128.load32_lane $m lane` / `v128.store32_lane $m lane`, which move one lane
;; between a vector and memory. Memory 0 is never touched here.
;;
;; `run` adds the two i32x4 vectors at 0 and 16 of memory 1, stores the sum (11 22 33 44) at 32,
;; stores lane 3 of it (44) alone at 48, loads the word at 4 (2) into lane 0 of a zero vector and
;; returns 22 + 44 + 2 = 68.
;;
;; expect: (assert_return (invoke "run") (i32.const 68))
;; expect: (assert_return (invoke "memory0_untouched") (i32.const 0))
(module
  (memory $scratch 1)   ;; memory 0
  (memory $vectors 1)   ;; memory 1

  (data (memory $vectors) (i32.const 0)
    "\01\00\00\00\02\00\00\00\03\00\00\00\04\00\00\00"    ;; i32x4 1 2 3 4
    "\0a\00\00\00\14\00\00\00\1e\00\00\00\28\00\00\00")   ;; i32x4 10 20 30 40

  (func (export "run") (result i32)
    (local $sum v128)
    (local.set $sum
      (i32x4.add (v128.load $vectors (i32.const 0))
                 (v128.load $vectors (i32.const 16))))
    (v128.store $vectors (i32.const 32) (local.get $sum))
    (v128.store32_lane $vectors 3 (i32.const 48) (local.get $sum))
    (i32.add
      (i32.add (i32.load $vectors (i32.const 36))    ;; 22
               (i32.load $vectors (i32.const 48)))   ;; 44
      (i32x4.extract_lane 0
        (v128.load32_lane $vectors 0 (i32.const 4) (v128.const i32x4 0 0 0 0)))))  ;; 2

  (func (export "memory0_untouched") (result i32)
    (i32.load $scratch (i32.const 32))))
