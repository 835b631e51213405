;; An export that never returns: `mnemo run --fuel N` stops it with an "out of fuel" trap
;; (tests/CMakeLists.txt checks it), and the playground's Pause stops it between two frames.
(module
  (func (export "spin") (loop $forever (br $forever))))
