import Foundation
import HocAI
import Hummingbird

/// Accounts, for administrators: the same service as `hocai account`.
struct AccountRoutes {
    let database: ServerDatabase
    let passwords: any PasswordHashing

    func add(to api: RouterGroup<HocAIContext>) {
        let accounts = api.group("accounts", for: .admin)
        accounts.get { _, context in
            let admin = try context.account()
            let accounts = try await database(.acting(as: admin), context) { connection in
                try AccountService(connection: connection, logger: connection.logger).list()
            }
            return try Reply.json(["accounts": accounts.map(AccountJSON.object)])
        }
        accounts.post { request, context in
            let admin = try context.account()
            let body = try await request.jsonObject(context: context)
            guard let login = body["login"] as? String, let role = (body["role"] as? String).flatMap(AccountRole.init(rawValue:)) else {
                throw Problem.invalid("login, role", context.language, .loginAndRoleAreNeeded)
            }
            let center = body["center"] as? String, nationalID = body["national_id"] as? String, password = body["password"] as? String
            let (account, generated) = try await database(.acting(as: admin), context) { connection in
                try AccountService(connection: connection, logger: connection.logger)
                    .add(login: login, role: role, center: center, nationalID: nationalID, password: password, passwords: passwords)
            }
            var object = AccountJSON.object(account)
            object["password"] = generated
            return try Reply.json(object, status: .created)
        }
        accounts.post("{login}/disable") { _, context in
            let admin = try context.account()
            let login = try context.parameters.require("login")
            let account = try await database(.acting(as: admin), context) { connection in
                let service = AccountService(connection: connection, logger: connection.logger)
                try service.disable(login)
                return try service.require(login)
            }
            return try Reply.json(AccountJSON.object(account))
        }
        accounts.post("{login}/tokens") { _, context in
            let admin = try context.account()
            let login = try context.parameters.require("login")
            let token = try await database(.acting(as: admin), context) { connection in
                try AccountService(connection: connection, logger: connection.logger).issueToken(login)
            }
            return try Reply.json(["token": token], status: .created)
        }
        accounts.delete("{login}/tokens") { _, context in
            let admin = try context.account()
            let login = try context.parameters.require("login")
            let count = try await database(.acting(as: admin), context) { connection in
                try AccountService(connection: connection, logger: connection.logger).revokeTokens(login)
            }
            return try Reply.json(["revoked": count])
        }
    }
}
