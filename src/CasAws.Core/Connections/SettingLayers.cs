using System;
using CasAws.Cas;
using CasAws.Credentials;
using CasAws.Session;

namespace CasAws.Connections
{
    /// <summary>
    /// The one settings precedence: the value the user gave (a parameter), else the login of the piped
    /// credentials, else the saved connection, else the current session. Connect-CasAws and
    /// Get-CasAwsCredential have no piped login, Register-CasAwsProfile has all four; each asks here, so a
    /// setting never comes from a different layer in one command than in another.
    /// </summary>
    internal sealed class SettingLayers
    {
        private readonly CredentialOrigin? _piped;
        private readonly SavedConnection? _saved;
        private readonly CasAwsSession? _session;

        public SettingLayers(CredentialOrigin? piped, SavedConnection? saved, CasAwsSession? session)
        {
            _piped = piped;
            _saved = saved;
            _session = session;
        }

        public string? EndpointPath(string? given) =>
            given ?? _piped?.Connection?.EndpointPath ?? _saved?.EndpointPath ?? _session?.Settings.EndpointPath;

        public string? UserName(string? given) =>
            given ?? _piped?.UserName ?? _saved?.UserName ?? _session?.UserName;

        public TimeSpan? Duration(TimeSpan? given) =>
            given ?? _piped?.Duration ?? _saved?.Duration ?? _session?.DefaultDuration;

        /// <summary>A saved CA bundle is a path as the user wrote it, still to be checked by the caller; the others were checked when used.</summary>
        public string? CaBundlePath(string? given, out bool fromSavedConnection)
        {
            fromSavedConnection = false;
            if (given != null) return given;
            if (_piped?.Connection?.CaBundlePath is string piped) return piped;
            if (_saved?.CaBundlePath is string saved)
            {
                fromSavedConnection = true;
                return saved;
            }

            return _session?.Settings.CaBundlePath;
        }

        /// <summary>The proxy; a saved one is text that <see cref="ConnectionSettingRules.ProxyProblem"/> accepted when the file was read.</summary>
        public Uri? Proxy(Uri? given) =>
            given ?? _piped?.Connection?.Proxy
            ?? (_saved?.Proxy is string saved && ConnectionSettingRules.ProxyProblem(saved, out Uri? proxy) == null ? proxy : null)
            ?? _session?.Settings.Proxy;

        /// <summary>How the login behind the keys reached CAS (trust, proxy): the piped credentials' login, else the session's; the fallback layer of the AWS transport.</summary>
        public Net.TransportSettings? LoginTransport() => LoginConnection;

        public TimeSpan? Timeout(TimeSpan? given) => given ?? LoginConnection?.Timeout;

        /// <summary>The connection of the login behind the keys: the piped credentials' login, else the session's (a saved connection has logged nobody in).</summary>
        private Cas.CasConnectionSettings? LoginConnection => _piped?.Connection ?? _session?.Settings;

        /// <summary>The MFA provider and options, merged by <see cref="CasMfaOptions.Merge"/> over the first layer that knows them.</summary>
        public CasMfaOptions Mfa(CasMfaProvider? provider, string? account, string? duoProviderId, string? service, Action<string>? dropped) =>
            CasMfaOptions.Merge(provider, account, duoProviderId, service, _piped?.Mfa ?? _saved?.MfaOptions ?? _session?.Mfa, dropped);
    }
}
