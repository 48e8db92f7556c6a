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
            return try Reply.json(AccountList(accounts: accounts.map { AccountAnswer($0) }))
        }
        accounts.post { request, context in
            let admin = try context.account()
            let body = try await request.decode(NewAccountRequest.self, context: context)
            let (account, generated) = try await database(.acting(as: admin), context) { connection in
                try AccountService(connection: connection, logger: connection.logger).add(
                    login: body.login, role: body.role, center: body.center, nationalID: body.nationalID, password: body.password,
                    passwords: passwords)
            }
            return try Reply.json(AccountAnswer(account, password: generated), status: .created)
        }
        accounts.post("{login}/disable") { _, context in
            let admin = try context.account()
            let login = try context.parameters.require("login")
            let account = try await database(.acting(as: admin), context) { connection in
                let service = AccountService(connection: connection, logger: connection.logger)
                try service.disable(login)
                return try service.require(login)
            }
            return try Reply.json(AccountAnswer(account))
        }
        accounts.post("{login}/tokens") { _, context in
            let admin = try context.account()
            let login = try context.parameters.require("login")
            let token = try await database(.acting(as: admin), context) { connection in
                try AccountService(connection: connection, logger: connection.logger).issueToken(login)
            }
            return try Reply.json(TokenAnswer(token: token), status: .created)
        }
        accounts.delete("{login}/tokens") { _, context in
            let admin = try context.account()
            let login = try context.parameters.require("login")
            let count = try await database(.acting(as: admin), context) { connection in
                try AccountService(connection: connection, logger: connection.logger).revokeTokens(login)
            }
            return try Reply.json(RevokedTokens(revoked: count))
        }
    }
}
