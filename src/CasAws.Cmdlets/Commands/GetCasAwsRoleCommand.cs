using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using CasAws.Aws;
using CasAws.Connections;
using CasAws.Credentials;
using CasAws.Errors;
using CasAws.Net;
using CasAws.Session;

namespace CasAws.Commands
{
    /// <summary>The roles the CAS server offers, from the session (no new login unless -Refresh).</summary>
    [Cmdlet(VerbsCommon.Get, "CasAwsRole")]
    [OutputType(typeof(CasAwsRole))]
    public sealed class GetCasAwsRoleCommand : CasAwsCmdlet
    {
        /// <summary>Wildcard patterns matched against the role name and the ARN.</summary>
        [Parameter(Position = 0)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[]? Name { get; set; }

        /// <summary>Asks CAS again: a full login, and a Duo push for MFA users.</summary>
        [Parameter]
        public SwitchParameter Refresh { get; set; }

        /// <summary>Asks IAM (ListAccountAliases) for the alias of each account that has no saved alias, with a role's own credentials where the session holds them; answers are kept for this session.</summary>
        [Parameter]
        public SwitchParameter ResolveAlias { get; set; }

        /// <summary>OpenID Connect sessions: the claim that lists the role ARNs (default: Connect-CasAws -RoleClaim, awsroles).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? RoleClaim { get; set; }

        protected override void ProcessRecord()
        {
            CasAwsSession session = CurrentSessionOrThrow(this);
            if (Refresh.IsPresent) AskCasForRoles(session);

            if (RoleClaim != null && session.OpenIdConnect != null) session.LearnRoles(Oidc.OidcRoles.From(session.OpenIdConnect, RoleClaim));
            IReadOnlyList<CasAwsRole>? roles = session.KnownRoles;
            if (roles == null)
            {
                WriteWarning(session.Mode == CasAwsSessionMode.SessionTokenOrSingleRole
                    ? $"CAS at {session.Server} handed out credentials without listing roles: it uses session tokens, or you have a single role. Get-CasAwsCredential needs no -RoleArn."
                    : $"No role list from {session.Server} is known yet. Get-CasAwsRole -Refresh asks CAS (a login and a Duo push).");
                return;
            }

            List<CasAwsRole> matching = roles.Where(Matches).ToList();
            if (ResolveAlias.IsPresent) ResolveAliases(session, matching);
            foreach (CasAwsRole role in AccountAliasBook.For(session).Apply(matching))
            {
                WriteObject(role);
            }

            ReportNamesWithoutMatch(roles, session);
        }

        /// <summary>Like Get-ChildItem for a missing literal path: a name without wildcards that matches nothing is an error; a pattern that matches nothing stays silent.</summary>
        private void ReportNamesWithoutMatch(IReadOnlyList<CasAwsRole> roles, CasAwsSession session)
        {
            foreach (string name in Name ?? System.Array.Empty<string>())
            {
                if (WildcardPattern.ContainsWildcardCharacters(name) || RoleArnResolver.Match(name, roles).Count > 0) continue;
                WriteCasError(new CasAwsException(ErrorIds.RoleNotFound, CasAwsErrorKind.ObjectNotFound, name,
                    $"No role of CAS at {session.Server} is named '{name}'. Get-CasAwsRole lists them all; '*{name}*' matches part of a name."));
            }
        }

        internal static CasAwsSession CurrentSessionOrThrow(CasAwsCmdlet cmdlet) => cmdlet.StopOnCasError(() => CasSessionStore.RequireCurrent());

        private void AskCasForRoles(CasAwsSession session)
        {
            WriteVerbose($"Asking CAS at {session.Server} for the role list (a login, and a Duo push for MFA users).");
            var request = new CredentialRequest(session.DefaultDuration) { Force = true };
            try
            {
                GetSessionCredential(session, request);
            }
            catch (CasAwsException exception) when (exception.ErrorId == ErrorIds.RoleArnRequired)
            {
                // the answer we wanted: CAS listed the roles, the session learned them
            }
            catch (CasAwsException exception)
            {
                ThrowCasError(exception);
            }
        }

        /// <summary>Each account IAM could not name is a warning with its id: the roles are listed all the same.</summary>
        private void ResolveAliases(CasAwsSession session, IReadOnlyList<CasAwsRole> roles)
        {
            IStsBridge bridge;
            try
            {
                bridge = StsBridgeLoader.Get();
            }
            catch (System.Exception problem) when (!(problem is System.OutOfMemoryException))
            {
                ThrowCasError(StsErrors.ComponentMissing(problem));
                return;
            }

            var resolver = new AccountAliasResolver(bridge, AwsTransportFrom(new TransportSettings(), session.Settings), System.Environment.GetEnvironmentVariable);
            IReadOnlyList<CasAwsException> failures = WaitWithProgress(token => resolver.ResolveAsync(session, roles, token),
                "Asking IAM for account aliases", "ListAccountAliases with the roles' own credentials");
            foreach (CasAwsException failure in failures)
            {
                WriteWarning($"{failure.ErrorId}: {failure.Message}");
            }
        }

        private bool Matches(CasAwsRole role)
        {
            if (Name == null || Name.Length == 0) return true;
            return Name.Any(name => RoleArnResolver.Match(name, new[] { role }).Count > 0);
        }
    }
}
