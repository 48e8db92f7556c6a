import HocAI
import Hummingbird

/// Lets a request through to its group's routes only for an account of one of `roles`:
/// `auth.required` (401) without one, `auth.forbidden` (403) for another role. Each group of
/// routes names its roles once, where it is mounted; its handlers read the account with
/// `context.account()`. The database still decides what that account may see and write
/// (sql/010): this only turns a request away before any work is done for it.
struct RoleMiddleware: RouterMiddleware {
    typealias Context = HocAIContext
    let roles: [AccountRole]

    func handle(_ request: Request, context: HocAIContext, next: (Request, HocAIContext) async throws -> Response) async throws -> Response {
        let account = try context.account()
        guard roles.contains(account.role) else { throw HocAIError.forbidden() }
        return try await next(request, context)
    }
}

extension RouterMethods where Context == HocAIContext {
    /// The routes under `path` that only `roles` may reach (`RoleMiddleware`).
    func group(_ path: RouterPath, for role: AccountRole, _ more: AccountRole...) -> RouterGroup<HocAIContext> {
        group(path).add(middleware: RoleMiddleware(roles: [role] + more))
    }
}
