import Foundation
import Hummingbird

/// The pages' stylesheet and script (`Assets`), cacheable for a day.
struct AssetRoutes {
    func add(to router: Router<HocAIContext>) {
        router.get(RouterPath(stringLiteral: Assets.stylesheetPath)) { _, _ in
            Reply.body(Data(Assets.stylesheet.utf8), type: "text/css; charset=utf-8", headers: [.cacheControl: "public, max-age=86400"])
        }
        router.get(RouterPath(stringLiteral: Assets.scriptPath)) { _, _ in
            Reply.body(Data(Assets.script.utf8), type: "text/javascript; charset=utf-8", headers: [.cacheControl: "public, max-age=86400"])
        }
    }
}
