import Foundation

/// Why a file operation failed, as a few plain words a user can act on ("no space left on the device").
///
/// Foundation's own wording ("The file doesn't exist", "Error Domain=NSCocoaErrorDomain Code=642 …",
/// "(NSCocoaErrorDomain error 512.)") names neither the cause nor the remedy; this reads the POSIX error underneath
/// when there is one and names it.
///
/// - Complexity: O(1).
public func plainReason(_ error: any Error) -> String {
    let ns = error as NSError
    if ns.domain == NSPOSIXErrorDomain { return posixReason(Int32(ns.code)) }
    if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
        return posixReason(Int32(underlying.code))
    }
    if ns.domain == NSCocoaErrorDomain {
        switch CocoaError.Code(rawValue: ns.code) {
        case .fileNoSuchFile, .fileReadNoSuchFile: return "no such file or folder"
        case .fileReadNoPermission, .fileWriteNoPermission: return "permission denied"
        case .fileWriteOutOfSpace: return "no space left on the device"
        case .fileWriteVolumeReadOnly: return "the file system is read-only"
        case .fileWriteFileExists: return "something is already there"
        case .fileReadCorruptFile: return "the file is damaged or not in the expected format"
        case .fileReadInapplicableStringEncoding: return "the file is not valid text in the expected encoding"
        case .fileReadTooLarge: return "the file is too large to read"
        case .fileLocking: return "the file is locked"
        default: break
        }
    }
    if let posix = error as? POSIXError { return posixReason(posix.code.rawValue) }
    return "the operating system refused it (error \(ns.code))"
}

/// The C library's description of `errno` code, lower-cased ("no space left on device").
private func posixReason(_ code: Int32) -> String {
    guard let text = strerror(code) else { return "system error \(code)" }
    let s = String(cString: text)
    return s.prefix(1).lowercased() + s.dropFirst()
}
