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
    /// Each account is asked once per process (<see cref="ResolvedAccountAliases"/>); a refusal is remembered too.
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
                CasAwsCredential? keys = account.Select(role => session.CachedKeysFor(role.RoleArn)).FirstOrDefault(k => k != null)
                    ?? (session.RoleCount <= 1 ? session.CachedKeysFor(null) : null);
                if (keys == null)
                {
                    failures.Add(new CasAwsException(ErrorIds.AccountAliasNotResolved, CasAwsErrorKind.ObjectNotFound, account.Key,
                        $"Account {account.Key}: this session holds no credentials for a role of it, and asking CAS for some could cost a Duo push. Run Get-CasAwsCredential -RoleArn '{account.First().RoleArn}' first, or name it with Set-CasAwsAccountAlias {account.Key} <alias>."));
                    continue;
                }

                (Uri url, string signingRegion) = IamAccountAliasClient.Endpoint(account.First().Partition, _environment);
                try
                {
                    string? alias = await IamAccountAliasClient.ListAccountAliasAsync(_bridge, url, signingRegion, _transport, keys, account.Key, cancellationToken).ConfigureAwait(false);
                    ResolvedAccountAliases.Remember(serverKey, account.Key, alias);
                }
                catch (CasAwsException failure)
                {
                    failures.Add(failure);
                }
            }

            return failures;
        }
    }
}
