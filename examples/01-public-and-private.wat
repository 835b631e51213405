;; 01-public-and-private.wat: a public memory for I/O beside a private one.
;;
;; Memory 0 ($io) is exported: the host (JavaScript, or the debugger) can read and write it, so it
;; is where inputs and outputs go. Memory 1 ($vault) is not exported: only this module's code can
;; reach it, so it keeps a secret (here a key) that the host never sees. Each load and store names
;; the memory it uses; an instruction without a memory name uses memory 0.
;;
;; `run` takes an input, puts it in $io, adds the key from $vault and leaves the sum in $io too.
;; In the debugger: step through `run` and watch reads in memory 1 and writes in memory 0.
;;
;; expect: (assert_return (invoke "run" (i32.const 0)) (i32.const 42))
;; expect: (assert_return (invoke "run" (i32.const 100)) (i32.const 142))
;; expect: (assert_return (invoke "key_is_private") (i32.const 0))
(module
  (memory $io (export "io") 1)   ;; memory 0: public, 1 page (64 KiB)
  (memory $vault 1)              ;; memory 1: private, never exported

  ;; The key, 42, as a little-endian i32 at address 0 of the vault.
  (data (memory $vault) (i32.const 0) "\2a\00\00\00")

  (func (export "run") (param $input i32) (result i32)
    ;; io[0..4) = input
    (i32.store $io (i32.const 0) (local.get $input))
    ;; io[4..8) = io[0..4) + vault[0..4)
    (i32.store $io (i32.const 4)
      (i32.add (i32.load $io (i32.const 0))
               (i32.load $vault (i32.const 0))))
    ;; the result the host reads back from the public memory
    (i32.load $io (i32.const 4)))

  ;; Address 0 of the public memory never holds the key: the two memories are distinct.
  (func (export "key_is_private") (result i32)
    (i32.store $io (i32.const 0) (i32.const 0))
    (i32.load $io (i32.const 0))))
