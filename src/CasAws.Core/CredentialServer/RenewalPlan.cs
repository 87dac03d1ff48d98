using System;
using System.Globalization;
using CasAws.Cas;
using CasAws.Oidc;
using CasAws.Session;

namespace CasAws.CredentialServer
{
    /// <summary>How a session's role credentials get renewed: silently, with one Duo push, or not without a person.</summary>
    public enum RenewalKind
    {
        /// <summary>OpenID Connect: AssumeRoleWithWebIdentity with the cached id_token, then the refresh token.</summary>
        Silent,

        /// <summary>awsSts with Duo: one CAS login, one push to approve, announced first.</summary>
        DuoPush,

        /// <summary>Needs a one-time code, a password CAS refused, or a browser login that cannot be renewed.</summary>
        NeedsPerson,
    }

    /// <summary>The one rule for what a renewal of a session's credentials will cost, and what it says about it.</summary>
    internal static class RenewalPlan
    {
        public static RenewalKind For(CasAwsSession session, DateTime credentialExpiresUtc)
        {
            if (session.OpenIdConnect is OidcIdentity identity)
            {
                return identity.RefreshToken != null || identity.ExpiresUtc > credentialExpiresUtc ? RenewalKind.Silent : RenewalKind.NeedsPerson;
            }

            return session.HasPassword && !session.Mfa.Provider.NeedsCode() ? RenewalKind.DuoPush : RenewalKind.NeedsPerson;
        }

        /// <summary>The renewal margin must leave the keys some life: a margin as long as the duration would renew without pause.</summary>
        public static string? CheckMargin(TimeSpan margin, TimeSpan duration) =>
            margin > TimeSpan.Zero && margin < duration
                ? null
                : $"-RenewBefore ({margin}) must be more than zero and less than the credentials' duration ({duration}).";

        /// <summary>How many CAS logins (Duo pushes) a renewal costs.</summary>
        public static int CasLoginsPerRenewal(RenewalKind kind) => kind == RenewalKind.DuoPush ? 1 : 0;

        public static string Describe(RenewalKind kind) => kind switch
        {
            RenewalKind.Silent => "silently (OpenID Connect)",
            RenewalKind.DuoPush => "one CAS login and Duo push, announced first",
            _ => "not without you",
        };

        /// <summary>Why a session cannot renew by itself, and what to run instead.</summary>
        public static string WhyPersonNeeded(CasAwsSession session, string role)
        {
            if (session.OpenIdConnect != null)
            {
                return $"The browser login of {session.Server} ends before these credentials and CAS gave no refresh token, so '{role}' cannot be renewed silently. Run Connect-CasAws -OpenIdConnect again before then.";
            }

            if (!session.HasPassword)
            {
                return $"CAS at {session.Server} refused this session's password earlier, so '{role}' cannot be renewed. Run Connect-CasAws again.";
            }

            return $"Renewing '{role}' needs a one-time {session.Mfa.Provider.DisplayName()} code, which nobody can type into a running endpoint. Run Get-CasAwsCredential -RoleArn <role> -Force -Passcode <code> before the credentials expire; the endpoint serves what it gets.";
        }

        public static string Minutes(TimeSpan left) =>
            Math.Max(0, (int)Math.Floor(left.TotalMinutes)).ToString(CultureInfo.InvariantCulture) + " min";
    }
}
