using System;
using System.Management.Automation;
using System.Management.Automation.Host;
using CasAws.Cache;
using CasAws.Credentials;
using CasAws.CredentialServer;
using CasAws.Errors;
using CasAws.Session;

namespace CasAws.Commands
{
    /// <summary>Starting a loopback credential endpoint, shared by Invoke-CasAwsCommand -KeepFresh and Start-CasAwsCredentialServer.</summary>
    public abstract partial class CasAwsCmdlet
    {
        /// <summary>The margin when -RenewBefore is not given: SDKs refresh 15 min before expiry, so renewal starts earlier.</summary>
        internal static readonly TimeSpan DefaultRenewBefore = TimeSpan.FromMinutes(10);

        /// <summary>The session, the role (as given: ARN, name or pattern) and the duration the endpoint serves.</summary>
        internal sealed class ServedRole
        {
            public ServedRole(CasAwsSession session, string? roleArn, TimeSpan duration, TimeSpan renewBefore)
            {
                Session = session;
                RoleArn = roleArn;
                Duration = duration;
                RenewBefore = renewBefore;
            }

            public CasAwsSession Session { get; }

            public string? RoleArn { get; }

            public TimeSpan Duration { get; }

            public TimeSpan RenewBefore { get; }
        }

        /// <summary>Resolves what to serve before anything costs a login; says (-Verbose) what it will cost.</summary>
        private protected ServedRole ResolveServedRole(string commandText, string? role, TimeSpan? duration, TimeSpan? renewBefore)
        {
            try
            {
                CasAwsSession session = CasSessionStore.RequireCurrent(commandText);
                string? roleArn = role is null ? session.DefaultRoleArn : RoleArnResolver.Resolve(role, session.KnownRoles, session.Server);
                TimeSpan lifetime = CheckDuration(duration ?? session.DefaultDuration, roleMode: roleArn != null || session.Mode == CasAwsSessionMode.Roles, target: (object?)roleArn ?? session.Server);
                TimeSpan margin = renewBefore ?? (DefaultRenewBefore < lifetime ? DefaultRenewBefore : TimeSpan.FromTicks(lifetime.Ticks / 2));
                string? problem = RenewalPlan.CheckMargin(margin, lifetime);
                if (problem != null) ThrowCasError(new CasAwsException(ErrorIds.RenewBeforeOutOfRange, CasAwsErrorKind.InvalidArgument, margin, problem));
                var served = new ServedRole(session, roleArn, lifetime, margin);
                WriteVerbose(CostText(served));
                return served;
            }
            catch (CasAwsException exception)
            {
                ThrowCasError(exception);
                throw;
            }
        }

        /// <summary>What serving the role costs in CAS logins (Duo pushes): now, and per renewal.</summary>
        private protected static string CostText(ServedRole served)
        {
            RenewalKind kind = RenewalPlan.For(served.Session, DateTime.UtcNow + served.Duration);
            int perRenewal = RenewalPlan.CasLoginsPerRenewal(kind);
            int now = new CasCredentialService(served.Session).CasLoginsFor(new CredentialRequest(served.Duration) { RoleArn = served.RoleArn });
            string every = (served.Duration - served.RenewBefore).TotalMinutes.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture);
            return $"Serving '{served.RoleArn ?? "session credentials"}' costs {now} CAS login(s) now, then {perRenewal} per renewal (every {every} min, renewing {RenewalPlan.Describe(kind)}).";
        }

        /// <summary>
        /// The running endpoints whose name matches <paramref name="name"/> (wildcards; all when null) and
        /// <paramref name="include"/>; a plain name that matches none is the CredentialServerNotFound error.
        /// </summary>
        private protected System.Collections.Generic.List<CasAwsCredentialServer> SelectServers(string? name, Func<CasAwsCredentialServer, bool> include)
        {
            var pattern = name == null ? null : new WildcardPattern(name, WildcardOptions.IgnoreCase);
            var selected = new System.Collections.Generic.List<CasAwsCredentialServer>();
            foreach (CasAwsCredentialServer server in CredentialServers.Running)
            {
                if (include(server) && (pattern == null || pattern.IsMatch(server.Name))) selected.Add(server);
            }

            if (selected.Count == 0 && name != null && !WildcardPattern.ContainsWildcardCharacters(name))
            {
                WriteCasError(new CasAwsException(ErrorIds.CredentialServerNotFound, CasAwsErrorKind.ObjectNotFound, name,
                    $"No credential endpoint named '{name}' runs in this PowerShell. Get-CasAwsCredentialServer lists them."));
            }

            return selected;
        }

        /// <summary>Gets the first keys (one login unless cached), joins or starts the role's renewal, and listens on 127.0.0.1.</summary>
        private protected CasAwsCredentialServer StartCredentialServer(ServedRole served, string name, string startedBy)
        {
            var request = new CredentialRequest(served.Duration) { RoleArn = served.RoleArn };
            CasAwsCredential first = GetSessionCredential(served.Session, request).Credential;
            if (RenewalPlan.For(served.Session, first.Expiration) == RenewalKind.NeedsPerson)
            {
                WriteCasError(new CasAwsException(ErrorIds.RenewalNeedsPerson, CasAwsErrorKind.ResourceUnavailable, served.RoleArn ?? served.Session.Server,
                    RenewalPlan.WhyPersonNeeded(served.Session, served.RoleArn == null ? "session credentials" : CasAwsRole.FromArn(served.RoleArn).RoleName) + " These keys expire at " + first.Expiration.ToString("yyyy-MM-dd HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture) + "."));
            }

            var service = new CasCredentialService(served.Session, CredentialCacheFiller.ForCurrentUser);
            RoleRenewals.Lease lease = RoleRenewals.Acquire(served.Session, service, served.RoleArn, served.Duration, first, served.RenewBefore);
            CasAwsCredentialServer server;
            try
            {
                server = CasAwsCredentialServer.Start(name, lease, startedBy);
            }
            catch (System.Net.Sockets.SocketException problem)
            {
                ThrowCasError(new CasAwsException(ErrorIds.CredentialServerFailed, CasAwsErrorKind.ResourceUnavailable, name,
                    "CasAws could not listen on 127.0.0.1: " + problem.Message));
                throw;
            }

            PSHostUserInterface? ui = Host?.UI;
            if (ui != null) server.AnnounceTo(notice => ui.WriteWarningLine(notice.ErrorId is null ? notice.Message : notice.ErrorId + ": " + notice.Message));
            WriteVerbose($"The credential endpoint for '{server.Role}' listens at {server.Url} and renews {RenewalPlan.Describe(server.Renews)} when {served.RenewBefore} is left.");
            return server;
        }
    }
}
