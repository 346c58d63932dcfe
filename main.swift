import Foundation
let b = HeadlessBrowser(executable: URL(fileURLWithPath: "/usr/lib/chromium/chromium-headless-shell"), timeout: .seconds(4))
let t0 = Date()
do { _ = try b.dumpDOM(of: URL(string: "http://127.0.0.1:18777/")!) ; print("returned?") } catch { print("error after \(Date().timeIntervalSince(t0)):\n\(error)") }
