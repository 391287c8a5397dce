import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The worker side: reads render requests from standard input, renders each in this process through
/// ``Graphviz/shared``, and answers on standard output, until standard input closes (see ``WorkerProtocol``).
///
/// A program offers this as a hidden mode (`blocs render-worker`); ``RenderWorkerPool`` starts it. If Graphviz
/// crashes on a request, the process dies; the client reports that one job as failed and starts a new worker.
public enum RenderWorkerServer {
    /// Serves requests until the input closes. Standard output is kept for the protocol: anything else that would
    /// write to it (a library printing by mistake) is sent to standard error instead.
    public static func serve() {
        // The memory limit the pool asked for (BLOCS_RENDER_MEMORY_MB): a layout that needs more fails in this
        // worker (allocation failure, the worker ends) instead of exhausting the machine.
        if let text = ProcessInfo.processInfo.environment[memoryLimitVariable], let mb = UInt64(text), mb > 0 {
            var limit = rlimit(rlim_cur: rlim_t(mb) << 20, rlim_max: rlim_t(mb) << 20)
            _ = withUnsafePointer(to: &limit) { setrlimit(RLIMIT_AS_VALUE, $0) }
        }
        let protocolOut = dup(STDOUT_FILENO)
        guard protocolOut >= 0 else { return }
        _ = dup2(STDERR_FILENO, STDOUT_FILENO)
        defer { close(protocolOut) }
        // Load what the first real job would load (layout and render plugins, fonts) while the client is still
        // busy elsewhere (``RenderWorkerPool/prepare()``). Renders start from a reset random state, so this
        // drawing changes no later picture.
        Graphviz.shared.warmUp()
        serve(input: STDIN_FILENO, output: protocolOut)
    }

    /// The environment variable that carries a worker's address-space limit in MiB.
    public static let memoryLimitVariable = "BLOCS_RENDER_MEMORY_MB"

    #if canImport(Glibc)
    static let RLIMIT_AS_VALUE = __rlimit_resource_t(RLIMIT_AS.rawValue)
    #else
    static let RLIMIT_AS_VALUE = RLIMIT_AS
    #endif

    /// Serves requests read from `input`, answering on `output`, until `input` closes or a frame is malformed.
    public static func serve(input: Int32, output: Int32) {
        var isSocket = false
        var st = stat()
        if fstat(output, &st) == 0 { isSocket = (st.st_mode & S_IFMT) == S_IFSOCK }
        while let payload = WorkerProtocol.readFrame(input) {
            let result: Result<[[UInt8]], GraphvizError>
            if let job = WorkerProtocol.decodeRequest(payload) {
                result = Result { () throws(GraphvizError) -> [[UInt8]] in
                    try Graphviz.shared.render(dot: job.dot, engine: job.engine, formats: job.formats, dpi: job.dpi)
                }
            } else {
                result = .failure(.unavailable("malformed render request"))
            }
            guard WorkerProtocol.writeAll(output, WorkerProtocol.encodeResponse(result), socket: isSocket) else { return }
        }
    }
}

/// One worker process, started on first use and restarted after it dies.
///
/// Not thread-safe by itself: ``RenderWorkerPool`` gives each worker to one thread at a time.
final class RenderWorkerProcess: @unchecked Sendable {
    let command: [String]
    /// Jobs after which the worker is replaced (Graphviz 2.42 leaks about 400 bytes per HTML-like label).
    let recycleAfter: Int
    private var pid: pid_t = 0
    private var socket: Int32 = -1
    private var stderrTail = StderrTail()
    private var jobs = 0
    /// Processes started so far (for tests).
    private(set) var starts = 0

    /// Per-job limits: the time a job may take (seconds) and the worker's address space (MiB); 0 for none.
    let timeLimit: Double
    let memoryLimitMB: Int

    init(command: [String], recycleAfter: Int = 500, timeLimit: Double = 0, memoryLimitMB: Int = 0) {
        self.command = command
        self.recycleAfter = max(1, recycleAfter)
        self.timeLimit = timeLimit
        self.memoryLimitMB = memoryLimitMB
    }

    deinit { stop() }

    /// Starts the worker process now if it is not running (its start-up then overlaps the caller's own work);
    /// a failure to start is reported by the next ``render(_:)``.
    func prepare() {
        if pid == 0 { try? start() }
    }

    /// Renders one job in the worker; a dead worker gives `.workerCrashed` for this job and is restarted next time.
    func render(_ job: RenderJob) -> Result<[[UInt8]], GraphvizError> {
        if pid != 0 && jobs >= recycleAfter { stop() }
        if pid == 0 {
            do throws(GraphvizError) { try start() } catch { return .failure(error) }
        }
        jobs += 1
        let request = WorkerProtocol.encodeRequest(job)
        guard WorkerProtocol.writeAll(socket, request, socket: true) else { return .failure(.workerCrashed(detail: reap())) }
        if timeLimit > 0 && !Self.waitReadable(socket, seconds: timeLimit) {
            // Over time: the worker is stopped (a new one starts with the next job) and this job alone fails.
            kill(pid, SIGKILL)
            _ = reap()
            return .failure(.workerCrashed(detail: "the diagram took longer than \(Int(timeLimit)) s to draw and was stopped (the limit per diagram)"))
        }
        guard let payload = WorkerProtocol.readFrame(socket),
              let result = WorkerProtocol.decodeResponse(payload) else {
            return .failure(.workerCrashed(detail: reap()))
        }
        return result
    }

    /// Waits until `fd` has data (or is closed) for at most `seconds`; false on timeout.
    static func waitReadable(_ fd: Int32, seconds: Double) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while true {
            let left = deadline.timeIntervalSinceNow
            if left <= 0 { return false }
            var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let r = poll(&p, 1, Int32(min(left * 1000, 1_000_000)) + 1)
            if r > 0 { return true }
            if r < 0 && errno != EINTR { return true }  // let the read report the error
        }
    }

    /// Closes the worker's input and waits for it to exit; a worker still busy after 2 s (Graphviz spinning after
    /// an allocation failure under the memory limit was seen to ignore its closed input) is killed.
    func stop() {
        guard pid != 0 else { return }
        close(socket)
        socket = -1
        var status: Int32 = 0
        let deadline = Date().addingTimeInterval(2)
        while true {
            let r = waitpid(pid, &status, WNOHANG)
            if r == pid || (r < 0 && errno != EINTR) { break }
            if Date() >= deadline {
                kill(pid, SIGKILL)
                while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
                break
            }
            usleep(5_000)
        }
        pid = 0
        stderrTail.finish()
    }

    private func start() throws(GraphvizError) {
        guard let executable = command.first else { throw .unavailable("no worker command") }
        var fds: [Int32] = [-1, -1]
        guard socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0, &fds) == 0 else {
            throw .unavailable("cannot create a socket pair for the render worker (errno \(errno))")
        }
        // A socket pair for stderr too: created close-on-exec atomically, so a worker started at the same moment
        // by another lane never inherits this worker's write end (which would keep the reader from seeing EOF).
        var errPipe: [Int32] = [-1, -1]
        guard socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0, &errPipe) == 0 else {
            close(fds[0]); close(fds[1])
            throw .unavailable("cannot create a pipe for the render worker (errno \(errno))")
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, fds[1], STDIN_FILENO)
        posix_spawn_file_actions_adddup2(&actions, fds[1], STDOUT_FILENO)
        posix_spawn_file_actions_adddup2(&actions, errPipe[1], STDERR_FILENO)
        let argv: [UnsafeMutablePointer<CChar>?] = command.map { strdup($0) } + [nil]
        // No Swift crash backtrace in workers: a Graphviz crash should end the worker at once, with Graphviz's
        // own last words on stderr.
        var environment = ProcessInfo.processInfo.environment
        environment["SWIFT_BACKTRACE"] = "enable=no"
        if memoryLimitMB > 0 { environment[RenderWorkerServer.memoryLimitVariable] = String(memoryLimitMB) } else {
            environment[RenderWorkerServer.memoryLimitVariable] = nil
        }
        let envp: [UnsafeMutablePointer<CChar>?] = environment
            .sorted { $0.key < $1.key }.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for p in argv + envp { free(p) } }
        var child: pid_t = 0
        let rc = posix_spawn(&child, executable, &actions, nil, argv, envp)
        close(fds[1])
        close(errPipe[1])
        guard rc == 0 else {
            close(fds[0]); close(errPipe[0])
            throw .unavailable("cannot start the render worker \(executable): \(String(cString: strerror(rc)))")
        }
        pid = child
        socket = fds[0]
        jobs = 0
        starts += 1
        stderrTail = StderrTail()
        stderrTail.drain(errPipe[0])
    }

    /// Waits for a dead (or broken) worker and describes how it ended, with its last words on stderr.
    private func reap() -> String {
        close(socket)
        socket = -1
        var status: Int32 = 0
        var r: pid_t
        repeat { r = waitpid(pid, &status, 0) } while r < 0 && errno == EINTR
        pid = 0
        stderrTail.finish()
        var how: String
        let signal = status & 0x7F
        if r < 0 {
            how = "the render worker vanished"
        } else if signal != 0 {
            how = "the render worker was killed by signal \(signal)" + (Self.signalNames[signal].map { " (\($0))" } ?? "")
        } else {
            how = "the render worker exited with status \((status >> 8) & 0xFF)"
        }
        let words = stderrTail.lastLines(3)
        if !words.isEmpty { how += ": " + words }
        return how
    }

    static let signalNames: [Int32: String] = [SIGSEGV: "SIGSEGV", SIGABRT: "SIGABRT", SIGBUS: "SIGBUS", SIGKILL: "SIGKILL",
                                               SIGFPE: "SIGFPE", SIGILL: "SIGILL", SIGTERM: "SIGTERM"]
}

/// The end of a worker's standard error, read by a background thread so the worker never blocks on it.
final class StderrTail: @unchecked Sendable {
    private let lock = NSLock()
    private var text: [UInt8] = []
    private var thread: Thread?
    private let done = DispatchSemaphore(value: 0)
    private var draining = false
    private static let keep = 4096

    func drain(_ fd: Int32) {
        draining = true
        let t = Thread { [self] in
            var buffer = [UInt8](repeating: 0, count: 1024)
            while true {
                let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, 1024) }
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { break }
                lock.lock()
                text += buffer[0..<n]
                if text.count > Self.keep { text.removeFirst(text.count - Self.keep) }
                lock.unlock()
            }
            close(fd)
            done.signal()
        }
        thread = t
        t.start()
    }

    /// Waits until the worker's stderr is closed (the worker has exited).
    func finish() {
        guard draining else { return }
        draining = false
        done.wait()
    }

    func lastLines(_ n: Int) -> String {
        lock.lock()
        defer { lock.unlock() }
        let lines = String(decoding: text, as: UTF8.self).split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
        return lines.suffix(n).joined(separator: " / ")
    }
}

/// Renders batches in worker processes, several at once (Graphviz is not thread-safe, but separate processes are
/// independent), so a crash inside Graphviz fails one diagram instead of the run, and PNG rasterising uses every
/// core.
///
/// Workers are started on first use, kept alive across batches, restarted after a crash, and replaced after
/// `recycleAfter` jobs so that Graphviz's own leaks (about 400 bytes per HTML-like label on 2.42, measured) stay
/// bounded. `command` runs a program that calls ``RenderWorkerServer/serve()``
/// (e.g. `["/path/to/blocs", "render-worker"]`).
public final class RenderWorkerPool: GraphvizRendering, @unchecked Sendable {
    private let workers: [RenderWorkerProcess]
    private let lock = NSLock()
    /// Workers are stopped at the end of each ``render(_:)`` batch (see there).
    public let freshPerBatch: Bool

    /// - Parameters:
    ///   - command: the worker program and its arguments.
    ///   - size: how many workers at most (default: the number of active processors).
    ///   - recycleAfter: jobs after which a worker is replaced by a fresh one.
    ///   - timeLimit: seconds one diagram may take; a job over it fails alone (its worker is killed and replaced).
    ///     0: no limit.
    ///   - memoryLimitMB: the address space of each worker (RLIMIT_AS) in MiB; a job that needs more fails alone.
    ///     0: no limit.
    ///   - freshPerBatch: start every batch on fresh workers (output independent of earlier batches); false keeps
    ///     workers alive across batches.
    public init(command: [String], size: Int = ProcessInfo.processInfo.activeProcessorCount, recycleAfter: Int = 500,
                timeLimit: Double = 120, memoryLimitMB: Int = 4096, freshPerBatch: Bool = true) {
        self.freshPerBatch = freshPerBatch
        workers = (0..<max(1, size)).map { _ in
            RenderWorkerProcess(command: command, recycleAfter: recycleAfter, timeLimit: timeLimit, memoryLimitMB: memoryLimitMB)
        }
    }

    /// Worker processes started so far, over all lanes.
    public var processesStarted: Int {
        lock.lock()
        defer { lock.unlock() }
        return workers.reduce(0) { $0 + $1.starts }
    }

    /// The number of worker processes this pool may run.
    public var size: Int { workers.count }

    /// Renders `jobs` on every worker at once, each worker taking the next job from one queue, largest first
    /// (``RenderJob/estimatedCost``), so both cores stay busy to the end of the batch instead of one lane waiting for
    /// the other. Which worker draws a job, and after which others, does not change its bytes: every render starts
    /// from the same Graphviz random state (``Graphviz/render(dot:engine:formats:dpi:)``; Graphviz 2.42's spline
    /// router jitters obstacles with `drand48`, which used to carry over from job to job and was why jobs were
    /// pinned to lanes). With `freshPerBatch` (the default) every batch starts on fresh workers, so a batch's
    /// output does not depend on the batches before it either.
    ///
    /// - Complexity: one render per job; wall time about the larger of the largest job and the total over the
    ///   workers.
    public func render(_ jobs: [RenderJob]) -> [Result<[[UInt8]], GraphvizError>] {
        lock.lock()
        defer { lock.unlock() }
        let results = ResultSlots(count: jobs.count)
        let lanes = min(workers.count, jobs.count)
        // Largest first, then in job order (a fixed order, though any order gives the same bytes).
        let queue = JobQueue(order: jobs.indices.sorted { (-jobs[$0].estimatedCost, $0) < (-jobs[$1].estimatedCost, $1) })
        DispatchQueue.concurrentPerform(iterations: lanes) { lane in
            let worker = workers[lane]
            while let i = queue.next() {
                results.set(i, worker.render(jobs[i]))
            }
            if freshPerBatch { worker.stop() }
        }
        return results.values()
    }

    /// Job indices handed out one at a time to the workers.
    private final class JobQueue: @unchecked Sendable {
        private let lock = NSLock()
        private let order: [Int]
        private var position = 0
        init(order: [Int]) { self.order = order }
        func next() -> Int? {
            lock.lock()
            defer { lock.unlock() }
            guard position < order.count else { return nil }
            defer { position += 1 }
            return order[position]
        }
    }

    /// Starts every worker process now, so that their start-up (process, Graphviz plugins, fonts: about 0.1 s
    /// each, see ``RenderWorkerServer/serve()``) overlaps the caller's own work instead of the first batch.
    /// Nothing is drawn; workers stopped by `freshPerBatch` start again on demand.
    public func prepare() {
        lock.lock()
        defer { lock.unlock() }
        for w in workers { w.prepare() }
    }

    /// Stops every worker (they are also stopped when the pool is released).
    public func shutdown() {
        lock.lock()
        defer { lock.unlock() }
        for w in workers { w.stop() }
    }

    private final class ResultSlots: @unchecked Sendable {
        private let lock = NSLock()
        private var slots: [Result<[[UInt8]], GraphvizError>?]
        init(count: Int) { slots = Array(repeating: nil, count: count) }
        func set(_ i: Int, _ r: Result<[[UInt8]], GraphvizError>) {
            lock.lock()
            slots[i] = r
            lock.unlock()
        }
        func values() -> [Result<[[UInt8]], GraphvizError>] {
            lock.lock()
            defer { lock.unlock() }
            return slots.map { $0 ?? .failure(.unavailable("job not run")) }
        }
    }
}
