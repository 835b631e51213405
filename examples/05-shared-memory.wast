;; 05-shared-memory.wast: one memory imported by two modules.
;;
;; An imported memory is the very same memory, not a copy: what one module writes, the other reads.
;; $provider defines and exports a memory; the script registers it under the name "shared"; $writer
;; and $reader both import it as their memory 0. $writer also has a memory of its own (memory 1)
;; that $reader cannot see. This file is a WAST script (several modules); run it with
;; `mnemo wast examples/05-shared-memory.wast`.
(module $provider
  (memory (export "mem") 1))
(register "shared" $provider)

(module $writer
  (import "shared" "mem" (memory $shared 1))   ;; memory 0: the provider's memory
  (memory $own 1)                              ;; memory 1: private to $writer
  (func (export "write") (param $value i32)
    (i32.store $shared (i32.const 0) (local.get $value))
    (i32.store $own (i32.const 0) (i32.const -1))))

(module $reader
  (import "shared" "mem" (memory $shared 1))   ;; the same memory as $writer's memory 0
  (func (export "read") (result i32)
    (i32.load $shared (i32.const 0))))

(assert_return (invoke $reader "read") (i32.const 0))
(invoke $writer "write" (i32.const 7))
(assert_return (invoke $reader "read") (i32.const 7))
