using System;
using System.Net;
using System.Security;

namespace CasAws.Net
{
    /// <summary>
    /// The proxy's user name and password, kept as a read-only SecureString copy. The password becomes a
    /// string only inside the one NetworkCredential handed to the HTTP stack when the proxy asks for it;
    /// <see cref="Wipe"/> (Disconnect-CasAws, Remove-Module) disposes it, after which it answers nothing.
    /// </summary>
    internal sealed class ProxyCredential : ICredentials
    {
        private readonly object _gate = new object();
        private readonly string _userName;
        private readonly string _domain;
        private SecureString? _password;

        public ProxyCredential(string userName, SecureString password)
        {
            if (password == null) throw new ArgumentNullException(nameof(password));
            int slash = (userName ?? string.Empty).IndexOf('\\');
            _domain = slash > 0 ? userName!.Substring(0, slash) : string.Empty;
            _userName = slash > 0 ? userName!.Substring(slash + 1) : userName ?? string.Empty;
            _password = password.Copy();
            _password.MakeReadOnly();
        }

        public string UserName => _userName;

        /// <summary>Tells this login apart from another's (handlers are pooled per login).</summary>
        public string Id { get; } = Guid.NewGuid().ToString("N");

        public bool IsWiped
        {
            get { lock (_gate) return _password == null; }
        }

        public NetworkCredential? GetCredential(Uri uri, string authType)
        {
            lock (_gate)
            {
                return _password == null ? null : new NetworkCredential(_userName, _password.Copy(), _domain);
            }
        }

        public void Wipe()
        {
            lock (_gate)
            {
                _password?.Dispose();
                _password = null;
            }
        }

        public override string ToString() => "proxy user " + _userName;
    }
}
