using System;
using System.Collections.Generic;
using System.Net.Sockets;
using System.Threading;
using CasAws.Browser;
using CasAws.Credentials;

namespace CasAws.CredentialServer
{
    /// <summary>
    /// A running loopback endpoint that serves one role's credentials by the AWS container-credentials
    /// protocol (AWS_CONTAINER_CREDENTIALS_FULL_URI + AWS_CONTAINER_AUTHORIZATION_TOKEN), from memory, renewed
    /// ahead of expiry by the role's shared <see cref="RoleRenewal"/>. The token is never a property, so it is
    /// not shown: ConvertTo-CasAwsEnvironment writes it for a shell, and <see cref="GetAuthorizationToken"/> returns it.
    /// </summary>
    public sealed class CasAwsCredentialServer : IDisposable
    {
        /// <summary>The one path served; the host and port are what the SDKs check.</summary>
        internal const string CredentialsPath = "/casaws/credentials";

        private readonly string _token = Unguessable.New();
        private readonly RoleRenewals.Lease _lease;
        private LoopbackListener? _listener;
        private Action<RenewalNotice>? _announcer;
        private int _served;
        private int _refused;

        private CasAwsCredentialServer(string name, RoleRenewals.Lease lease, string startedBy)
        {
            Name = name;
            _lease = lease;
            StartedBy = startedBy;
            StartedAt = DateTime.UtcNow;
        }

        public string Name { get; }

        public string? RoleArn => Renewal.RoleArn;

        public string Role => Renewal.RoleName;

        public string? AccountId => Renewal.Current.AccountId;

        /// <summary>http://127.0.0.1:port/casaws/credentials: the value of AWS_CONTAINER_CREDENTIALS_FULL_URI.</summary>
        public Uri Url => new Uri(Listener.Origin + CredentialsPath);

        public DateTime Expiration => Renewal.Current.Expiration;

        public TimeSpan TimeLeft
        {
            get
            {
                TimeSpan left = Expiration - DateTime.UtcNow;
                return left > TimeSpan.Zero ? left : TimeSpan.Zero;
            }
        }

        /// <summary>How the credentials get renewed (silently, one Duo push, or not without you).</summary>
        public RenewalKind Renews => Renewal.Kind;

        public TimeSpan RenewBefore => Renewal.Margin;

        public int Renewals => Renewal.Renewals;

        public int RequestsServed => Volatile.Read(ref _served);

        public int RequestsRefused => Volatile.Read(ref _refused);

        /// <summary>Why the last renewal failed, or null.</summary>
        public string? Problem => Renewal.Problem;

        /// <summary>Start-CasAwsCredentialServer or Invoke-CasAwsCommand -KeepFresh.</summary>
        public string StartedBy { get; }

        public DateTime StartedAt { get; }

        public bool Running => _listener != null && !_listener.Stopped;

        internal RoleRenewal Renewal => _lease.Renewal;

        private LoopbackListener Listener => _listener ?? throw new InvalidOperationException("Not started.");

        /// <summary>The value of AWS_CONTAINER_AUTHORIZATION_TOKEN (a secret: for a child's environment, never a log).</summary>
        public string GetAuthorizationToken() => _token;

        public override string ToString() => Name + " (" + Url + ")";

        /// <summary>Serves the lease's role on a free port of 127.0.0.1; stopping the server lets the lease go.</summary>
        internal static CasAwsCredentialServer Start(string name, RoleRenewals.Lease lease, string startedBy)
        {
            var server = new CasAwsCredentialServer(name, lease, startedBy);
            try
            {
                server._listener = LoopbackListener.Start(server.Serve);
            }
            catch
            {
                lease.Dispose();
                throw;
            }

            return server;
        }

        /// <summary>Stops listening at once (later requests are refused by the system) and lets the renewal go.</summary>
        public void Dispose()
        {
            _listener?.Dispose();
            Action<RenewalNotice>? announcer = Interlocked.Exchange(ref _announcer, null);
            if (announcer != null) Renewal.Notice -= announcer;
            _lease.Dispose();
        }

        /// <summary>Where this endpoint's renewal notices go (the host that started it) while it runs.</summary>
        internal void AnnounceTo(Action<RenewalNotice> announcer)
        {
            if (Interlocked.CompareExchange(ref _announcer, announcer, null) == null) Renewal.Notice += announcer;
        }

        /// <summary>The variables a child needs, and the ones that would otherwise win over the endpoint, cleared.</summary>
        internal IReadOnlyList<KeyValuePair<string, string?>> EnvironmentVariables(Func<string, string?> currentValue) =>
            AwsEnvironment.AwsEnvironmentVariables.ForEndpoint(Url, _token, Renewal.Current, currentValue);

        private bool Serve(TcpClient connection, LoopbackRequest request)
        {
            ContainerCredentialAnswer answer = ContainerCredentialAnswer.For(request, CredentialsPath, _token, LoopbackPeer.IsAnotherUser(connection),
                () => Renewal.Current, Unavailable, DateTime.UtcNow);
            Interlocked.Increment(ref answer.Served ? ref _served : ref _refused);
            LoopbackResponse.WriteContent(connection, answer.Status, answer.Body, answer.ContentType);
            return false;
        }

        private string Unavailable() =>
            $"CasAws has no valid credentials for '{Role}'" + (Problem is string problem ? ": " + problem : ".")
            + " In the PowerShell that runs this endpoint, run Get-CasAwsCredential -Force for the role (or Connect-CasAws again); the endpoint serves the new keys.";
    }
}
