using System;
using CasAws.Cas;

namespace CasAws.Oidc
{
    /// <summary>What one browser login asks for: where, as which client, which claim lists the roles, whom to expect, and how the redirect comes back.</summary>
    internal sealed class OidcLoginRequest
    {
        public OidcLoginRequest(CasConnectionSettings settings, string clientId, string roleClaim)
        {
            Settings = settings;
            ClientId = clientId;
            RoleClaim = roleClaim;
        }

        /// <summary>How CAS is reached (trust, proxy, and the timeout of each call to it).</summary>
        public CasConnectionSettings Settings { get; }

        public string ClientId { get; }

        /// <summary>The claim that lists the role ARNs: asked for as a scope, read from the id_token, else from userinfo.</summary>
        public string RoleClaim { get; }

        /// <summary>The issuer; null for CAS's default, {Server}/oidc.</summary>
        public Uri? Issuer { get; set; }

        /// <summary>The CAS user expected to log in (sent as login_hint; an id_token for anyone else is refused); null for whoever logs in.</summary>
        public string? ExpectedUser { get; set; }

        /// <summary>The 127.0.0.1 port the redirect comes back to; 0 for any free one.</summary>
        public int RedirectPort { get; set; }

        /// <summary>Start no listener: the user pastes back the address the browser ended on (<see cref="IOidcRedirectPrompt"/>).</summary>
        public bool PastedRedirect { get; set; }

        /// <summary>How long the person may take in the browser.</summary>
        public TimeSpan BrowserWait { get; set; } = CasConnectionSettings.DefaultTimeout;

        /// <summary>The scopes asked for: the id_token, the user's name, a refresh token, and the role claim.</summary>
        public string Scope => "openid profile offline_access " + RoleClaim;
    }
}
