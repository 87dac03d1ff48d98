using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CasAws.Cache;
using CasAws.Connections;
using CasAws.Credentials;
using CasAws.Errors;
using CasAws.Net;
using CasAws.Session;

namespace CasAws.Aws
{
    /// <summary>
    /// Finds the aliases of the accounts behind a session's roles that have no saved alias, by asking IAM with the
    /// keys the session already holds for a role of that account: never a CAS call (each could cost a Duo push).
    /// IAM's answer for an account is kept for the process (<see cref="ResolvedAccountAliases"/>); a refusal is not, so
    /// keys for another role of the account, got later, are tried next time.
    /// </summary>
    internal sealed class AccountAliasResolver
    {
        private readonly IStsBridge _bridge;
        private readonly TransportSettings _transport;
        private readonly Func<string, string?> _environment;

        public AccountAliasResolver(IStsBridge bridge, TransportSettings transport, Func<string, string?> environment)
        {
            _bridge = bridge;
            _transport = transport;
            _environment = environment;
        }

        /// <summary>Asks IAM for every account without an alias; returns one AccountAliasNotResolved failure per account it could not name.</summary>
        public async Task<IReadOnlyList<CasAwsException>> ResolveAsync(CasAwsSession session, IEnumerable<CasAwsRole> roles, CancellationToken cancellationToken)
        {
            string serverKey = ServerKey.Normalize(session.Settings.Server);
            AccountAliasBook saved = AccountAliasBook.For(serverKey, session.UserName);
            var failures = new List<CasAwsException>();
            foreach (IGrouping<string, CasAwsRole> account in roles.Where(r => AccountAliasRules.IsAccountId(r.AccountId)).GroupBy(r => r.AccountId))
            {
                if (saved.AliasOf(account.Key) != null || ResolvedAccountAliases.WasAsked(serverKey, account.Key)) continue;
                List<CasAwsCredential> keys = account.Select(role => session.CachedKeysFor(role.RoleArn))
                    .Concat(session.RoleCount <= 1 ? new[] { session.CachedKeysFor(null) } : Array.Empty<CasAwsCredential?>())
                    .Where(k => k != null).Select(k => k!).ToList();
                if (keys.Count == 0)
                {
                    failures.Add(new CasAwsException(ErrorIds.AccountAliasNotResolved, CasAwsErrorKind.ObjectNotFound, account.Key,
                        $"Account {account.Key}: this session holds no credentials for a role of it, and asking CAS for some could cost a Duo push. Run Get-CasAwsCredential -RoleArn '{account.First().RoleArn}' first, or name it with Set-CasAwsAccountAlias {account.Key} <alias>."));
                    continue;
                }

                (Uri url, string signingRegion) = IamAccountAliasClient.Endpoint(account.First().Partition, _environment);
                CasAwsException? lastFailure = null;
                foreach (CasAwsCredential roleKeys in keys)
                {
                    try
                    {
                        string? alias = await IamAccountAliasClient.ListAccountAliasAsync(_bridge, url, signingRegion, _transport, roleKeys, account.Key, cancellationToken).ConfigureAwait(false);
                        ResolvedAccountAliases.Remember(serverKey, account.Key, alias);
                        lastFailure = null;
                        break;
                    }
                    catch (CasAwsException failure)
                    {
                        // Another role of the account may be allowed iam:ListAccountAliases; a refusal is not remembered, so keys got later are tried.
                        lastFailure = failure;
                    }
                }

                if (lastFailure != null) failures.Add(lastFailure);
            }

            return failures;
        }
    }
}
