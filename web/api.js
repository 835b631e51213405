// web/api.js: mnemo's JS API, shaped like the WebAssembly JS API (Module, Instance, Memory,
// Global, Table, CompileError, LinkError, RuntimeError, validate/instantiate), plus what a
// debugger needs: every memory of an instance by index, and debug sessions that step, stop at
// breakpoints and report each step's memory accesses. Linked into mnemo.js and the playground
// with --post-js; it wraps the handles of web/engine_api.cpp, which it reaches through `Module`.
(function (M) {
  'use strict';

  class CompileError extends Error {
    constructor(message, where) {
      super(where ? `${where}: ${message}` : message);
      this.name = 'CompileError';
      this.where = where || '';
      const lc = /line (\d+):(\d+)/.exec(this.where);  // text modules: "line 3:7"
      if (lc) { this.line = +lc[1]; this.column = +lc[2]; }
      const off = /byte offset (0x[0-9a-f]+|\d+)/i.exec(this.where);  // binary modules
      if (off) this.offset = Number(off[1]);
    }
  }
  class LinkError extends Error {
    constructor(message) { super(message); this.name = 'LinkError'; }
  }
  // A trap: `trap` says where ({func, instr}) and, for memory faults, {memory, address, size}.
  class RuntimeError extends Error {
    constructor(message, trap) {
      super(message);
      this.name = 'RuntimeError';
      this.trap = trap || null;
    }
  }

  // Engine handles are C++ objects: freed when their JS wrapper is collected.
  const registry = typeof FinalizationRegistry === 'function' ? new FinalizationRegistry(raw => raw.delete()) : null;
  const own = (wrapper, raw) => { if (registry) registry.register(wrapper, raw); return raw; };

  // --- values: JS <-> the exact words of web/engine_api.cpp --------------------------------
  const scratch = new DataView(new ArrayBuffer(16));
  const externValues = [];  // externref ids -> JS values (kept for the page's lifetime)
  function toWords(type, x) {
    switch (type) {
      case 'i32': return [Number(x) >>> 0];
      case 'f32': scratch.setFloat32(0, Number(x), true); return [scratch.getUint32(0, true)];
      case 'i64': scratch.setBigUint64(0, BigInt.asUintN(64, BigInt(x)), true);
        return [scratch.getUint32(0, true), scratch.getUint32(4, true)];
      case 'f64': scratch.setFloat64(0, Number(x), true);
        return [scratch.getUint32(0, true), scratch.getUint32(4, true)];
      case 'v128': {
        const bytes = x instanceof Uint8Array ? x : new Uint8Array(16);
        for (let i = 0; i < 16; ++i) scratch.setUint8(i, bytes[i] || 0);
        return [0, 4, 8, 12].map(o => scratch.getUint32(o, true));
      }
      case 'externref':
        if (x === null || x === undefined) return [0, 0];
        externValues.push(x);
        return [1, externValues.length - 1];
      case 'funcref':
        if (x === null || x === undefined) return [0, 0];
        throw new TypeError('funcref arguments other than null are not supported');
    }
    throw new TypeError('unknown value type ' + type);
  }
  function fromWords(type, w) {
    switch (type) {
      case 'i32': return w[0] | 0;
      case 'f32': scratch.setUint32(0, w[0], true); return scratch.getFloat32(0, true);
      case 'i64': scratch.setUint32(0, w[0], true); scratch.setUint32(4, w[1], true);
        return scratch.getBigInt64(0, true);
      case 'f64': scratch.setUint32(0, w[0], true); scratch.setUint32(4, w[1], true);
        return scratch.getFloat64(0, true);
      case 'v128': w.forEach((x, i) => scratch.setUint32(4 * i, x, true));
        return new Uint8Array(scratch.buffer.slice(0, 16));
      case 'externref': return w[0] ? externValues[w[1]] : null;
      case 'funcref': return w[0] ? { funcIndex: w[1] } : null;
    }
    throw new TypeError('unknown value type ' + type);
  }
  // One result: the value; none: undefined; several: an array (as the WebAssembly JS API does).
  const shapeResults = (types, words) => {
    const values = types.map((t, i) => fromWords(t, words[i]));
    return values.length === 0 ? undefined : values.length === 1 ? values[0] : values;
  };

  function checked(r) {
    if (r.ok) return r;
    if (r.kind === 'compile') throw new CompileError(r.message, r.where);
    if (r.kind === 'link') throw new LinkError(r.where ? `${r.where}: ${r.message}` : r.message);
    if (r.kind === 'range') throw new RangeError(r.message);
    if (r.kind === 'type') throw new TypeError(r.message);
    throw new RuntimeError(r.message, r.trap);
  }

  // --- Module --------------------------------------------------------------------------------
  // new Module(bytes | text): decoded or parsed, then validated; a CompileError says where.
  class Module {
    constructor(source) {
      if (source instanceof ArrayBuffer) source = new Uint8Array(source);
      if (typeof source !== 'string' && !ArrayBuffer.isView(source)) throw new TypeError('Module: bytes or WAT text expected');
      this._raw = own(this, checked(M.rawCompile(source)).module);
    }
    static imports(module) { return module._raw.imports().map(({ module: m, name, kind }) => ({ module: m, name, kind })); }
    static exports(module) { return module._raw.exports(); }
    // The module in the text format, as mnemo's printer writes it.
    static wat(module) { return module._raw.wat(); }
  }

  // --- Memory, Global, Table ------------------------------------------------------------------
  class Memory {
    // new Memory({initial, maximum}) in pages, or (internal) a handle from an instance.
    constructor(descriptor, raw) {
      this._raw = raw || own(this, checked(M.rawCreateMemory(Number(descriptor.initial) || 0,
        descriptor.maximum === undefined ? null : Number(descriptor.maximum))).memory);
    }
    get byteLength() { return this._raw.byteLength(); }
    get pages() { return this._raw.byteLength() / 65536; }
    get maximum() { return this._raw.maximum(); }
    // Returns the old size in pages; a RangeError when the memory cannot grow (as WebAssembly.Memory).
    grow(delta) {
      const old = this._raw.grow(Number(delta));
      if (old < 0) throw new RangeError('Memory.grow: cannot grow by ' + delta + ' pages');
      return old;
    }
    // A copy of `length` bytes at `address`; a RangeError when the range is out of bounds.
    read(address, length) {
      const bytes = this._raw.read(Number(address), Number(length));
      if (bytes === null) throw new RangeError(`Memory.read: [${address}, ${address}+${length}) is out of bounds (${this.byteLength} bytes)`);
      return bytes;
    }
    write(address, bytes) {
      if (!this._raw.write(Number(address), bytes)) throw new RangeError(`Memory.write: ${bytes.length} bytes at ${address} are out of bounds`);
    }
    // A live view of all bytes, valid until the next call into the engine (growth moves them).
    view() { return this._raw.view(); }
  }
  class Global {
    constructor(raw) { this._raw = raw; }
    get value() { return fromWords(this._raw.globalType(), this._raw.globalGet()); }
    set value(v) {
      if (!this._raw.globalSet(toWords(this._raw.globalType(), v))) throw new TypeError('Global: immutable');
    }
  }
  class Table {
    constructor(raw) { this._raw = raw; }
    get length() { return this._raw.tableLength(); }
  }

  // An exported function as a JS function; `_raw` lets another instance import it directly.
  function wrapFunction(raw, name) {
    const { params, results } = raw.type();
    const fn = function (...args) {
      const r = checked(raw.call(params.map((t, i) => toWords(t, args[i]))));
      return shapeResults(results, r.results);
    };
    Object.defineProperty(fn, 'name', { value: name });
    Object.defineProperty(fn, 'length', { value: params.length });
    fn._raw = raw;
    return fn;
  }
  function wrapExtern(raw, name) {
    switch (raw.kind()) {
      case 'func': return wrapFunction(raw, name);
      case 'memory': return new Memory(null, raw);
      case 'global': return new Global(raw);
      case 'table': return new Table(raw);
    }
    return raw;
  }

  // A JS function imported by a module: called with JS values, its return value converted back;
  // a thrown exception becomes a trap whose message is the exception's.
  function hostFunction(fn, params, results) {
    return words => {
      try {
        const r = fn(...params.map((t, i) => fromWords(t, words[i])));
        const values = results.length === 1 ? [r] : results.length === 0 ? [] : Array.from(r);
        return { results: results.map((t, i) => toWords(t, values[i])) };
      } catch (e) {
        return { trap: String(e && e.message || e) };
      }
    };
  }

  // --- Instance ------------------------------------------------------------------------------
  // new Instance(module, importObject, {debuggable, fuel, maxMemory}): `debuggable` translates one
  // op per instruction so a debug session can stop at every one (a little slower to run); `fuel`
  // bounds the instructions its calls may run (a call past it throws RuntimeError "out of fuel",
  // and the instance stays usable: see instance.fuel and setFuel); `maxMemory` is the memory
  // budget in bytes of all its memories (a RangeError names the memory past it). As the CLI's
  // `mnemo run --fuel N --max-memory BYTES`.
  class Instance {
    constructor(module, importObject = {}, options = {}) {
      if (!(module instanceof Module)) throw new TypeError('Instance: a mnemo.Module expected');
      const imports = module._raw.imports().map(imp => {
        const ns = importObject[imp.module];
        const v = ns === undefined ? undefined : ns[imp.name];
        if (v === undefined) throw new LinkError(`${imp.module}.${imp.name}: unknown import`);
        if (typeof v === 'function' && !v._raw) {
          if (imp.kind !== 'func') throw new LinkError(`${imp.module}.${imp.name}: incompatible import type`);
          return hostFunction(v, imp.params, imp.results);
        }
        if (v && v._raw) return v._raw;
        throw new LinkError(`${imp.module}.${imp.name}: incompatible import type`);
      });
      const limits = { debuggable: !!options.debuggable, fuel: options.fuel, maxMemory: options.maxMemory };
      this._raw = own(this, checked(M.rawInstantiate(module._raw, imports, limits)).instance);
      const exports = {};
      for (const e of this._raw.exports()) exports[e.name] = wrapExtern(e.extern, e.name);
      this.exports = Object.freeze(exports);
      // Every memory by index, exported or not: what the debugger shows side by side.
      this.memories = Object.freeze(this._raw.memories().map(raw => new Memory(null, raw)));
    }
    // The instructions this instance's calls may still run; null when it was made without fuel.
    get fuel() { return this._raw.fuel(); }
    setFuel(n) { this._raw.setFuel(Number(n)); }
    // A debug session for a call of export `name`, stopped before its first instruction.
    debug(name, ...args) {
      const index = this._raw.funcIndex(name);
      if (index === null) throw new TypeError(`no exported function "${name}"`);
      const fn = this.exports[name];
      const { params, results } = fn._raw.type();
      const r = checked(this._raw.debug(index, params.map((t, i) => toWords(t, args[i]))));
      return new Session(r.session, results);
    }
  }

  // --- Session: a call that can be stepped --------------------------------------------------
  // Each of stepInto/stepOver/stepOut/continue runs and returns why it stopped: 'step',
  // 'breakpoint', 'paused' (pause() or the budget), 'finished' (see results), 'trapped'
  // (see trap) or 'watchpoint' (see watchHit). Locations are {func, instr}: a function index and an instruction index into its
  // body, in the order the printer writes them.
  class Session {
    constructor(raw, resultTypes) {
      this._raw = own(this, raw);
      this._resultTypes = resultTypes;
      this.state = 'stopped';
    }
    _run(mode, budget) {
      this.state = this._raw.run(mode, budget || 0);
      return this.state;
    }
    stepInto() { return this._run('stepInto'); }
    stepOver() { return this._run('stepOver'); }
    stepOut() { return this._run('stepOut'); }
    continue(budget) { return this._run('continue', budget); }
    pause() { this._raw.pause(); }
    setBreakpoint(at, enabled = true) { this._raw.setBreakpoint(at.func, at.instr, !!enabled); }
    // addWatchpoint({memory, address, length, on: 'read' | 'write' | 'any'}) -> id: a run stops
    // ('watchpoint') after an instruction touches [address, address + length) of the memory,
    // bulk operations and other instances sharing it included. Bad input throws a RangeError.
    addWatchpoint(watch) {
      const w = watch || {};
      const length = w.length === undefined ? 1 : w.length;
      const on = w.on === undefined ? 'write' : w.on;
      return checked(this._raw.addWatchpoint(Number(w.memory || 0), Number(w.address), Number(length), String(on))).id;
    }
    removeWatchpoint(id) { return this._raw.removeWatchpoint(Number(id)); }
    // After 'watchpoint': {id, func, instr, op, access: {kind, memory, address, size}, memory,
    // address, length, oldBytes, newBytes} (the watched bytes touched, before and after); else null.
    get watchHit() {
      const h = this._raw.watchHit();
      if (!h) return null;
      // Object.assign, not spread: Debian's emscripten minifies this file with an older parser.
      return Object.assign(h, { linked: !!h.linked, oldBytes: Uint8Array.from(h.oldBytes), newBytes: Uint8Array.from(h.newBytes) });
    }
    get location() { return this._raw.location(); }
    // The last step's memory effects: {op, accesses: [{kind: 'read'|'write', memory, address,
    // size}], dataSegment, grow: {memory, oldPages, result}}. memory.copy lists its source read,
    // then its destination write.
    get effects() { return this._raw.effects(); }
    get accesses() { return this._raw.effects().accesses; }
    get callStack() {
      return this._raw.callStack().map(f => ({
        func: f.func, instr: f.instr, linked: !!f.linked,
        locals: f.locals.map(v => fromWords(v.type, v.words)),
        operands: f.operands.map(v => fromWords(v.type, v.words)),
      }));
    }
    get results() { return shapeResults(this._resultTypes, this._raw.results()); }
    get trap() { return this._raw.trap(); }
    // --- Time travel. recordHistory(bytes) keeps the run's history from now on in at most that
    // many bytes (the oldest goes first; 0 stops). timeline -> {first, last, current, bytes,
    // budget, stepsDropped} in steps (instructions run), or null when not recording. travelTo(step),
    // stepBack() and reverseContinue() return why they stopped, like the runs ('step',
    // 'breakpoint', 'watchpoint', 'finished', 'trapped'); a step outside the history throws a RangeError.
    recordHistory(bytes) { this._raw.recordHistory(Number(bytes)); }
    get timeline() { return this._raw.timeline(); }
    _travelled(r) {
      this.state = checked(r).reason;
      return this.state;
    }
    travelTo(step) { return this._travelled(this._raw.travelTo(Number(step))); }
    stepBack() { return this._travelled(this._raw.stepBack()); }
    reverseContinue() { return this._travelled(this._raw.reverseContinue()); }
  }

  // WebAssembly.validate's counterpart keeps mnemo's richer answer ({valid, where, message}).
  M.Module = Module;
  M.Instance = Instance;
  M.Memory = Memory;
  M.Global = Global;
  M.Table = Table;
  M.Session = Session;
  M.CompileError = CompileError;
  M.LinkError = LinkError;
  M.RuntimeError = RuntimeError;
  M.compile = async source => new Module(source);
  // instantiate(bytes | text, imports) -> {module, instance}; instantiate(module, imports) -> instance
  M.instantiate = async (source, importObject, options) => {
    if (source instanceof Module) return new Instance(source, importObject, options);
    const module = new Module(source);
    return { module, instance: new Instance(module, importObject, options) };
  };
})(Module);
