;; 02-copy-record.wat: copying a record from one memory to another with `memory.copy`.
;;
;; With multi-memory, `memory.copy $dst $src` moves bytes between two different memories in one
;; instruction (destination first, like every copy in WebAssembly). Here memory 0 ($staging) holds
;; an incoming 16-byte record: a 12-byte name and a little-endian i32 age. `run` copies it to
;; slot 2 of memory 1 ($archive), where each slot is 16 bytes starting at 0x100, and reads the age
;; back from the archive. The staging copy stays as it was: a copy, not a move.
;;
;; In the debugger: step (F11) until `memory.copy`; the source range lights up in memory 0, the
;; destination range in memory 1, and a line links them.
;;
;; expect: (assert_return (invoke "run") (i32.const 36))
;; expect: (assert_return (invoke "staging_intact") (i32.const 65))
;; expect: (assert_return (invoke "archived_name") (i32.const 65))
(module
  (memory $staging (export "staging") 1)   ;; memory 0
  (memory $archive (export "archive") 1)   ;; memory 1

  ;; The record at staging[0x20..0x30): "Ada Lovelace" then age 36 (0x24).
  (data (memory $staging) (i32.const 0x20) "Ada Lovelace\24\00\00\00")

  (global $record_size i32 (i32.const 16))
  (global $archive_base i32 (i32.const 0x100))

  ;; Address of archive slot $n.
  (func $slot (param $n i32) (result i32)
    (i32.add (global.get $archive_base)
             (i32.mul (local.get $n) (global.get $record_size))))

  (func (export "run") (result i32)
    (local $dst i32)
    (local.set $dst (call $slot (i32.const 2)))     ;; 0x120
    ;; memory.copy <dst memory> <src memory> (dst address) (src address) (length)
    (memory.copy $archive $staging
      (local.get $dst) (i32.const 0x20) (global.get $record_size))
    ;; the age field: 12 bytes into the archived record
    (i32.load $archive offset=12 (local.get $dst)))

  ;; First byte of the staging record: still 'A' (65) after the copy.
  (func (export "staging_intact") (result i32)
    (i32.load8_u $staging (i32.const 0x20)))

  ;; First byte of archive slot 2: 'A' (65) once `run` has copied the record.
  (func (export "archived_name") (result i32)
    (i32.load8_u $archive (i32.const 0x120))))
