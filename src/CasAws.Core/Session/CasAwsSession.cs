using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Security;
using System.Threading;
using CasAws.Cas;
using CasAws.Credentials;
using CasAws.Oidc;

namespace CasAws.Session
{
    /// <summary>
    /// A connection to one CAS server for one user: what Connect-CasAws returns and keeps. The public
    /// properties are what a person reads; the password and cached keys are internal. Safe to use from
    /// several runspaces at once (ForEach-Object -Parallel).
    /// </summary>
    public sealed class CasAwsSession
    {
        private static readonly TimeSpan MinimumRemainingLife = TimeSpan.FromMinutes(5);

        private readonly object _gate = new object();
        private readonly ConcurrentDictionary<string, CasAwsCredential> _credentials = new ConcurrentDictionary<string, CasAwsCredential>(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<string, SemaphoreSlim> _fetchGates = new ConcurrentDictionary<string, SemaphoreSlim>(StringComparer.Ordinal);
        private SecureString? _password;
        private IReadOnlyList<CasAwsRole>? _roles;
        private CasAwsSessionMode _mode;
        private string? _defaultRoleArn;
        private int _casLogins;

        internal CasAwsSession(CasConnectionSettings settings, string userName, SecureString password, TimeSpan defaultDuration, CasMfaOptions? mfa = null)
        {
            Settings = settings;
            Mfa = mfa ?? CasMfaOptions.Default;
            UserName = userName;
            _password = password.Copy();
            _password.MakeReadOnly();
            DefaultDuration = defaultDuration;
            ConnectedAt = DateTime.UtcNow;
            Client = new CasStsClient(settings);
        }

        /// <summary>An OpenID Connect session: the browser login's tokens instead of a password.</summary>
        internal CasAwsSession(CasConnectionSettings settings, OidcIdentity identity, TimeSpan defaultDuration)
        {
            Settings = settings;
            Mfa = CasMfaOptions.Default;
            UserName = identity.Claims.UserName;
            OpenIdConnect = identity;
            DefaultDuration = defaultDuration;
            ConnectedAt = DateTime.UtcNow;
            Client = new CasStsClient(settings);
        }

        public string Server => Settings.ServerName;

        /// <summary>How the session logged in: awsSts (password to CAS's endpoint) or OpenIdConnect (browser).</summary>
        public string Protocol => OpenIdConnect != null ? "OpenIdConnect" : "awsSts";

        public string UserName { get; }

        public CasAwsSessionMode Mode
        {
            get { lock (_gate) return _mode; }
        }

        /// <summary>Roles the server listed, in its order; empty when none are known.</summary>
        public IReadOnlyList<CasAwsRole> Roles
        {
            get { lock (_gate) return _roles ?? new CasAwsRole[0]; }
        }

        public int RoleCount => Roles.Count;

        public TimeSpan DefaultDuration { get; }

        /// <summary>The role Get-CasAwsCredential uses when given none (Connect-CasAws -RoleArn).</summary>
        public string? DefaultRoleArn
        {
            get { lock (_gate) return _defaultRoleArn; }
            internal set { lock (_gate) _defaultRoleArn = value; }
        }

        public DateTime ConnectedAt { get; }

        /// <summary>The CAS MFA provider every login of this session answers (Duo unless -MfaProvider said otherwise).</summary>
        public CasMfaProvider MfaProvider => Mfa.Provider;

        /// <summary>CAS's 'service' sent with every login, when -Service was given.</summary>
        public string? Service => Mfa.Service;

        /// <summary>How many credentials are cached and still usable.</summary>
        public int CachedCredentialCount => _credentials.Values.Count(c => IsFresh(c, DateTime.UtcNow));

        /// <summary>How many logins this session sent to CAS's awsSts endpoint: with Duo, each one is a push to approve.</summary>
        public int CasLogins => Volatile.Read(ref _casLogins);

        /// <summary>False after CAS refused the password (it is then never sent again).</summary>
        public bool HasPassword
        {
            get { lock (_gate) return _password != null; }
        }

        internal CasConnectionSettings Settings { get; }

        internal CasStsClient Client { get; }

        /// <summary>The OpenID Connect login, or null for an awsSts session.</summary>
        internal OidcIdentity? OpenIdConnect { get; }

        /// <summary>The provider and its options; never a code (each code is used by one request only).</summary>
        internal CasMfaOptions Mfa { get; }

        /// <summary>The known role list, or null when the server has not listed one.</summary>
        internal IReadOnlyList<CasAwsRole>? KnownRoles
        {
            get { lock (_gate) return _roles; }
        }

        public override string ToString() => string.Format(CultureInfo.InvariantCulture, "{0} at {1} ({2})", UserName, Server, Mode);

        /// <summary>A copy of the password for one request, or null when CAS refused it earlier.</summary>
        internal SecureString? CopyPassword()
        {
            lock (_gate) return _password?.Copy();
        }

        /// <summary>After 'Authentication failed' the password is never sent again (account lockout).</summary>
        internal void ForgetPassword()
        {
            lock (_gate)
            {
                _password?.Dispose();
                _password = null;
            }
        }

        internal void CountCasLogin() => Interlocked.Increment(ref _casLogins);

        internal void LearnRoles(IEnumerable<string> roleArns)
        {
            var roles = roleArns.Select(CasAwsRole.FromArn).ToList().AsReadOnly();
            lock (_gate)
            {
                _roles = roles;
                _mode = CasAwsSessionMode.Roles;
            }
        }

        internal void LearnMode(CasAwsSessionMode mode)
        {
            lock (_gate)
            {
                if (_mode != CasAwsSessionMode.Roles) _mode = mode;
            }
        }

        internal bool TryGetCached(CredentialOrigin origin, DateTime utcNow, out CasAwsCredential? credential)
        {
            if (_credentials.TryGetValue(CacheKey(origin), out CasAwsCredential? cached) && IsFresh(cached, utcNow))
            {
                credential = cached;
                return true;
            }

            credential = null;
            return false;
        }

        /// <summary>Every credential the session holds, whatever life it has left (for Get-CasAwsStatus).</summary>
        internal IReadOnlyList<CasAwsCredential> CachedCredentials() => _credentials.Values.ToList();

        /// <summary>The credentials cached for <paramref name="origin"/>, even with little life left (a renewal compares expiries).</summary>
        internal bool TryGetLatest(CredentialOrigin origin, out CasAwsCredential? credential) =>
            _credentials.TryGetValue(CacheKey(origin), out credential);

        /// <summary>The fresh keys this session holds for a role (null: the role CAS chose) at its default duration, as a login left them; null when none.</summary>
        internal CasAwsCredential? CachedKeysFor(string? roleArn) =>
            TryGetCached(new CredentialOrigin(Settings.Server, UserName, roleArn, DefaultDuration), DateTime.UtcNow, out CasAwsCredential? credential) ? credential : null;

        /// <summary>
        /// One gate per cache key, so runspaces asking for the same credentials at once make one CAS
        /// call (one push) and the others take its result from the cache.
        /// </summary>
        internal SemaphoreSlim FetchGate(CredentialOrigin origin) =>
            _fetchGates.GetOrAdd(CacheKey(origin), _ => new SemaphoreSlim(1, 1));

        internal void Remember(CredentialOrigin origin, CasAwsCredential credential) =>
            _credentials[CacheKey(origin)] = credential;

        /// <summary>Forgets the password, the proxy password, roles and every cached credential.</summary>
        internal void Wipe()
        {
            ForgetPassword();
            Settings.WipeSecrets();
            if (OpenIdConnect != null)
            {
                WebIdentityCredentials.ForgetCached(Settings, OpenIdConnect);
                OpenIdConnect.Wipe();
            }
            _credentials.Clear();
            lock (_gate)
            {
                _roles = null;
                _mode = CasAwsSessionMode.Unknown;
            }
        }

        private static bool IsFresh(CasAwsCredential credential, DateTime utcNow) =>
            credential.TimeRemaining(utcNow) > MinimumRemainingLife;

        private static string CacheKey(CredentialOrigin origin) => string.Join("\n",
            origin.Server.AbsoluteUri, origin.UserName, origin.RoleArn ?? string.Empty,
            ((long)origin.Duration.TotalSeconds).ToString(CultureInfo.InvariantCulture),
            origin.AwsMfaDevice is null ? "no-mfa" : "mfa:" + origin.AwsMfaDevice);
    }
}
