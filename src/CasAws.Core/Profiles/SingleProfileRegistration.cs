using System;
using System.Collections.Generic;
using System.Linq;
using CasAws.Aws;
using CasAws.Cache;
using CasAws.Cas;
using CasAws.Connections;
using CasAws.Credentials;
using CasAws.Errors;
using CasAws.Net;
using CasAws.Session;

namespace CasAws.Profiles
{
    /// <summary>
    /// The rules of registering one profile (Register-CasAwsProfile -Name, and each profile of -NameTemplate):
    /// which role it is for, which login kind it records, the helper's arguments, and the cache entry. Each
    /// setting comes from its parameter, else the piped credentials' login, else the saved connection, else
    /// the session (<see cref="SettingLayers"/>).
    /// </summary>
    internal sealed class SingleProfileRegistration
    {
        private readonly CasAwsCredential? _piped;
        private readonly CasAwsSession? _session;
        private readonly SettingLayers _layers;

        /// <param name="piped">The credentials piped in, or null.</param>
        /// <param name="saved">The saved connection -Server named, or null.</param>
        /// <param name="session">The session, only when it is for the profile's server; else null.</param>
        public SingleProfileRegistration(CasAwsCredential? piped, SavedConnection? saved, CasAwsSession? session)
        {
            _piped = piped;
            _session = session;
            _layers = new SettingLayers(piped?.Origin, saved, session);
        }

        /// <summary>
        /// The profile's role: <paramref name="given"/> (a name or pattern resolved against the session's roles by
        /// <paramref name="resolveName"/>), else the role the piped credentials were asked for, else the session's
        /// default or only role. Null when CAS chooses (one role, or session-token mode).
        /// </summary>
        /// <param name="resolveName">Turns a role name or pattern into the one exact ARN it matches among the roles of the server.</param>
        /// <exception cref="CasAwsException">No exact role ARN can be told: ProfileRoleArnInvalid, or the resolver's error.</exception>
        public string? RoleArn(string? given, string profileName, Func<string, IReadOnlyList<CasAwsRole>, string, string> resolveName)
        {
            string? roleArn = given ?? _piped?.Origin?.RoleArn;
            if (roleArn is null && _piped is null && _session is not null)
            {
                roleArn = _session.DefaultRoleArn ?? (_session.RoleCount == 1 ? _session.Roles[0].RoleArn : null);
                if (roleArn is null && _session.RoleCount > 1)
                {
                    throw new CasAwsException(ErrorIds.ProfileRoleArnInvalid, CasAwsErrorKind.InvalidArgument, profileName,
                        $"CAS at {_session.Server} offers several roles: pass -RoleArn with one of {string.Join(", ", _session.Roles.Select(r => r.RoleArn))}.");
                }
            }

            if (roleArn is null || AwsArn.IsRoleArn(roleArn))
            {
                return roleArn;
            }

            if (_session is not null && _session.RoleCount > 0)
            {
                return resolveName(roleArn, _session.Roles, _session.Server);
            }

            throw new CasAwsException(ErrorIds.ProfileRoleArnInvalid, CasAwsErrorKind.InvalidArgument, roleArn,
                $"'{roleArn}' is not an exact role ARN. Pass the full ARN (arn:aws:iam::123456789012:role/Name), or run Connect-CasAws first so role names can be resolved.");
        }

        /// <summary>The profile comes from a browser login: the piped credentials' login kind, else (nothing piped) whether the session is an OpenID Connect one.</summary>
        public bool BrowserLogin => _piped?.Origin?.BrowserLogin ?? (_piped is null && _session?.OpenIdConnect is not null);

        /// <summary>What the helper needs to log in by itself at a terminal; never a password or a proxy password.</summary>
        /// <param name="fullPath">Turns a CA bundle path as written into a full path (PowerShell's location in a cmdlet).</param>
        /// <param name="dropped">Told about each MFA option the chosen provider does not use.</param>
        /// <exception cref="CasAwsException">A duration STS would refuse, a proxy that is not a proxy URL, or an unreadable CA bundle.</exception>
        public CredentialProcessArguments HelperArguments(string profileName, string serverKey, string? roleArn, ProfileLoginOptions given, Func<string, string> fullPath, Action<string>? dropped)
        {
            TimeSpan? duration = _layers.Duration(given.Duration);
            if (duration.HasValue)
            {
                StsDurationRules.Require(duration.Value, roleArn is not null, profileName);
            }

            Uri? proxy = TransportSettings.RequireProxyUrl(_layers.Proxy(given.Proxy));

            string? endpointPath = _layers.EndpointPath(given.EndpointPath);
            TimeSpan? timeout = _layers.Timeout(given.Timeout);
            // A bundle from the piped login or the session was checked when it was used; one given or saved is checked now.
            string? caBundlePath = _layers.CaBundlePath(given.CaBundlePath, out bool fromSavedConnection);
            if (caBundlePath is not null && (given.CaBundlePath is not null || fromSavedConnection))
            {
                caBundlePath = CertificateBundle.Checked(fullPath(caBundlePath), caBundlePath, "-CaBundlePath");
            }

            CasMfaOptions mfa = _layers.Mfa(given.MfaProvider, given.MfaAccount, given.DuoProviderId, given.Service, dropped);
            return new CredentialProcessArguments(profileName)
            {
                MfaProvider = mfa.Provider == CasMfaProvider.Duo ? null : mfa.Provider.ToString(),
                MfaAccount = mfa.Account,
                DuoProviderId = mfa.DuoProviderId,
                Service = mfa.Service,
                Server = serverKey,
                RoleArn = roleArn,
                UserName = _layers.UserName(given.UserName),
                Duration = duration,
                EndpointPath = endpointPath == CasConnectionSettings.DefaultEndpointPath ? null : endpointPath,
                Timeout = timeout == CasConnectionSettings.DefaultTimeout ? null : timeout,
                CaBundlePath = caBundlePath,
                Proxy = proxy?.AbsoluteUri,
            };
        }

        /// <summary>
        /// The cache entry: it records the CAS user (when known) and the login kind, so only that user's logins of that
        /// kind fill the profile later. Its keys are the piped credentials', else the session's fresh ones for the same
        /// role and user (no CAS call), else those of <paramref name="previous"/> when it was registered for the same login.
        /// </summary>
        public CredentialCacheEntry CacheEntry(string profileName, string serverKey, string? roleArn, string? userName, CredentialCacheEntry? previous)
        {
            bool browserLogin = BrowserLogin;
            var entry = new CredentialCacheEntry(profileName, serverKey, roleArn, userName, browserLogin);
            CasAwsCredential? keys = _piped ?? SessionKeys(roleArn, userName);
            if (keys is not null)
            {
                return entry.WithKeys(keys.AccessKey, keys.SecretKey, keys.SessionToken, keys.Expiration, keys.AccountId);
            }

            bool sameLogin = previous is not null && previous.HasKeys && previous.Server == serverKey && previous.RoleArn == roleArn
                && (userName is null || previous.UserName == userName) && previous.BrowserLogin == browserLogin;
            // Registering again (to change the region, say) keeps the keys already cached for the same login.
            return sameLogin ? previous! : entry;
        }

        /// <summary>The session's fresh credentials for this role, as Connect-CasAws or Get-CasAwsCredential left them, when the profile is for the session's user.</summary>
        private CasAwsCredential? SessionKeys(string? roleArn, string? userName) =>
            _session is null || roleArn is null || (userName is not null && !string.Equals(userName, _session.UserName, StringComparison.OrdinalIgnoreCase))
                ? null
                : _session.CachedKeysFor(roleArn);
    }
}
