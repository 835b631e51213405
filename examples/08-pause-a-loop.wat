;; 08-pause-a-loop.wat: a loop that never ends, and how the debugger's Pause (F6) stops it.
;;
;; Each round of `$round` reads one letter of "mnemo " from memory 0 ($text) and writes it into a
;; ring of 48 bytes in memory 1 ($ring), then counts the round in memory 1's first word. `spin`
;; runs rounds forever: call it with "animate" off (full speed) and the page keeps drawing while
;; the counter climbs and the ring reads "mnemo mnemo ...". Pause (F6) stops the call between two
;; frames at whatever instruction comes next inside the loop; the State panel shows the call stack
;; (`spin`, with `$round` above it when the pause lands inside a round). Continue (F5) picks it up
;; again; Stop abandons it, and the memories keep what the rounds wrote. `spin_for` runs the same
;; rounds a given number of times and returns the counter, so the loop's work can be checked
;; without waiting forever.
;;
;; expect: (assert_return (invoke "spin_for" (i32.const 1000)) (i32.const 1000))
;; expect: (assert_return (invoke "spin_for" (i32.const 6)) (i32.const 1006))
(module
  (memory $text 1)   ;; memory 0: the word to copy
  (memory $ring 1)   ;; memory 1: the round counter at 0, the ring of copies at 16..63
  (data (memory $text) (i32.const 0) "mnemo ")

  ;; One round: letter (count mod 6) of $text goes to ring byte (count mod 48), then count + 1.
  ;; 48 is a multiple of 6, so every ring byte always holds the same letter once written.
  (func $round (result i32)
    (local $count i32)
    (local.set $count (i32.load $ring (i32.const 0)))
    (i32.store8 $ring offset=16
      (i32.rem_u (local.get $count) (i32.const 48))
      (i32.load8_u $text (i32.rem_u (local.get $count) (i32.const 6))))
    (local.set $count (i32.add (local.get $count) (i32.const 1)))
    (i32.store $ring (i32.const 0) (local.get $count))
    (local.get $count))

  ;; Never returns: only Pause, Stop or closing the page ends it.
  (func $spin (export "spin")
    (loop $forever
      (drop (call $round))
      (br $forever)))

  (func $spin_for (export "spin_for") (param $rounds i32) (result i32)
    (local $last i32)
    (block $done
      (loop $again
        (br_if $done (i32.eqz (local.get $rounds)))
        (local.set $last (call $round))
        (local.set $rounds (i32.sub (local.get $rounds) (i32.const 1)))
        (br $again)))
    (local.get $last)))
