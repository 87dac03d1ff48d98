using System;
using System.Collections.Generic;
using System.Linq;
using CasAws.Cache;
using CasAws.Connections;
using CasAws.Credentials;
using CasAws.CredentialServer;
using CasAws.Oidc;
using CasAws.Session;

namespace CasAws.Status
{
    /// <summary>
    /// What Get-CasAwsStatus shows, from what is already known: the session in memory, its cached
    /// credentials, the running endpoints and the private cache's profile entries. Never a network call.
    /// </summary>
    internal static class CasAwsStatusReport
    {
        public static IReadOnlyList<CasAwsStatusEntry> Build(CasAwsSession? session, IReadOnlyList<CasAwsCredentialServer> servers,
            IReadOnlyList<CredentialCacheEntry> profiles, DateTime utcNow)
        {
            var entries = new List<CasAwsStatusEntry>();
            var books = new Dictionary<string, AccountAliasBook>(StringComparer.Ordinal);
            if (session != null)
            {
                entries.Add(SessionEntry(session, utcNow));
                foreach (CasAwsCredential credential in session.CachedCredentials().OrderBy(c => c.AssumedRoleArn, StringComparer.Ordinal))
                {
                    entries.Add(Named(CredentialEntry(session, credential, servers, utcNow), books, ServerKey.Normalize(session.Settings.Server), session.UserName));
                }
            }

            foreach (CasAwsCredentialServer server in servers)
            {
                entries.Add(Named(Timed(new CasAwsStatusEntry("Endpoint", server.Name + " " + server.Url)
                {
                    Role = server.Role,
                    AccountId = server.AccountId,
                    Renews = RenewalPlan.Describe(server.Renews) + ", " + RenewalPlan.Minutes(server.RenewBefore) + " before expiry (" + server.Renewals + " so far)",
                }, server.Expiration, utcNow), books, ServerKey.Normalize(server.Renewal.Session.Settings.Server), server.Renewal.Session.UserName));
            }

            foreach (CredentialCacheEntry profile in profiles.OrderBy(p => p.ProfileName, StringComparer.Ordinal))
            {
                entries.Add(Named(Timed(new CasAwsStatusEntry("Profile", profile.ProfileName)
                {
                    Role = profile.RoleArn == null ? null : CasAwsRole.FromArn(profile.RoleArn).RoleName,
                    AccountId = profile.AccountId,
                    Renews = "credential_process, at the next aws command after expiry",
                }, profile.HasKeys ? profile.Expiration : (DateTime?)null, utcNow), books, Uri.TryCreate(profile.Server, UriKind.Absolute, out Uri? profileServer) ? ServerKey.Normalize(profileServer) : null, profile.UserName));
            }

            return entries;
        }

        private static CasAwsStatusEntry SessionEntry(CasAwsSession session, DateTime utcNow)
        {
            var entry = new CasAwsStatusEntry("Session", session.UserName + " at " + session.Server)
            {
                Renews = session.OpenIdConnect is OidcIdentity identity
                    ? "OpenID Connect: roles renew silently" + (identity.RefreshToken != null ? " (refresh token kept)" : " until the browser login expires")
                    : session.HasPassword ? "awsSts: each new set of keys is one CAS login (" + session.MfaProvider + ")" : "awsSts: password refused, run Connect-CasAws again",
                CasLogins = session.CasLogins,
            };
            return session.OpenIdConnect is OidcIdentity oidc ? Timed(entry, oidc.ExpiresUtc, utcNow) : entry;
        }

        private static CasAwsStatusEntry CredentialEntry(CasAwsSession session, CasAwsCredential credential, IReadOnlyList<CasAwsCredentialServer> servers, DateTime utcNow)
        {
            CasAwsCredentialServer? keeper = servers.FirstOrDefault(s => ReferenceEquals(s.Renewal.Session, session)
                && s.RoleArn == credential.AssumedRoleArn && s.Renewal.Duration == credential.Origin?.Duration);
            RenewalKind kind = RenewalPlan.For(session, credential.Expiration);
            return Timed(new CasAwsStatusEntry("Credential", credential.AssumedRoleArn ?? "session credentials")
            {
                Role = credential.AssumedRoleArn == null ? null : CasAwsRole.FromArn(credential.AssumedRoleArn).RoleName,
                AccountId = credential.AccountId,
                Renews = keeper != null ? "kept fresh by endpoint '" + keeper.Name + "'" : "when next asked for: " + RenewalPlan.Describe(kind),
            }, credential.Expiration, utcNow);
        }

        /// <summary>Adds the account's alias by the server's alias book (read once per server and user for the whole report).</summary>
        private static CasAwsStatusEntry Named(CasAwsStatusEntry entry, Dictionary<string, AccountAliasBook> books, string? serverKey, string? userName)
        {
            if (entry.AccountId is not string accountId || serverKey is null) return entry;
            string bookKey = serverKey + "\n" + userName;
            if (!books.TryGetValue(bookKey, out AccountAliasBook? book))
            {
                book = AccountAliasBook.For(serverKey, userName);
                books.Add(bookKey, book);
            }

            entry.AccountAlias = book.AliasOf(accountId);
            return entry;
        }

        private static CasAwsStatusEntry Timed(CasAwsStatusEntry entry, DateTime? expiration, DateTime utcNow)
        {
            entry.Expiration = expiration;
            if (expiration is DateTime expires) entry.MinutesLeft = Math.Max(0, (int)Math.Floor((expires - utcNow).TotalMinutes));
            return entry;
        }
    }
}
