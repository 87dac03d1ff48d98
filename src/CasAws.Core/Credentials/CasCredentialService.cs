using System;
using System.Collections.Generic;
using System.Security;
using System.Threading;
using System.Threading.Tasks;
using CasAws.Cas;
using CasAws.Errors;
using CasAws.Oidc;
using CasAws.Session;

namespace CasAws.Credentials
{
    /// <summary>
    /// Obtains credentials for a session: from its cache while they have life left, else with one
    /// CAS call (never retried). What CAS teaches along the way (the mode, the role list, a refused
    /// password) is kept in the session. Failures are thrown as <see cref="CasAwsException"/>.
    /// </summary>
    internal sealed class CasCredentialService
    {
        private readonly CasAwsSession _session;
        private readonly ICredentialSink[] _sinks;

        /// <param name="sinks">Where fresh credentials also go (the module passes the credential_process cache).</param>
        public CasCredentialService(CasAwsSession session, params ICredentialSink[] sinks)
        {
            _session = session;
            _sinks = sinks;
        }

        public async Task<CredentialResult> GetCredentialAsync(CredentialRequest request, CancellationToken cancellationToken)
        {
            CredentialOrigin origin = OriginOf(request);
            CredentialResult? cached = await FromCacheAsync(request, origin, cancellationToken).ConfigureAwait(false);
            if (cached != null) return cached;

            SemaphoreSlim gate = _session.FetchGate(origin);
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                // Another runspace may have fetched these while this one waited at the gate.
                cached = await FromCacheAsync(request, origin, cancellationToken).ConfigureAwait(false);
                if (cached != null) return cached;

                CasAwsCredential credential = _session.OpenIdConnect is OidcIdentity oidc
                    ? await WebIdentityCredentials.ObtainAsync(_session, oidc, request, origin, cancellationToken).ConfigureAwait(false)
                    : Accept(await SendAsync(request, cancellationToken).ConfigureAwait(false), origin, request);
                await EnrichAsync(request, credential, cancellationToken).ConfigureAwait(false);
                _session.Remember(origin, credential);
                return new CredentialResult(credential, fromCache: false, warnings: NotifyObtained(credential, origin));
            }
            finally
            {
                gate.Release();
            }
        }

        /// <summary>What the credentials for <paramref name="request"/> are cached under in the session.</summary>
        public CredentialOrigin OriginOf(CredentialRequest request) =>
            new CredentialOrigin(_session.Settings.Server, _session.UserName, request.RoleArn, request.Duration,
                request.Token != null ? request.SerialNumber ?? string.Empty : null)
            { Connection = _session.Settings, Mfa = request.Mfa ?? _session.Mfa, BrowserLogin = _session.OpenIdConnect is not null };

        /// <summary>How many CAS logins (Duo pushes for a Duo user) <paramref name="request"/> will cost: none when cached or OpenID Connect.</summary>
        public int CasLoginsFor(CredentialRequest request) =>
            _session.OpenIdConnect != null || (!request.Force && _session.TryGetCached(OriginOf(request), DateTime.UtcNow, out _)) ? 0 : 1;

        /// <summary>The session's cached credentials for <paramref name="request"/>, whatever life they have left, or null.</summary>
        public CasAwsCredential? Latest(CredentialRequest request) =>
            _session.TryGetLatest(OriginOf(request), out CasAwsCredential? credential) ? credential : null;

        /// <summary>
        /// Gives fresh credentials to each sink. CAS has answered (the push was approved): whatever a sink fails
        /// to do is a warning, never a reason to lose the credentials.
        /// </summary>
        private IReadOnlyList<string> NotifyObtained(CasAwsCredential credential, CredentialOrigin origin)
        {
            var warnings = new List<string>();
            foreach (ICredentialSink sink in _sinks)
            {
                try
                {
                    sink.Accept(credential, origin, warnings.Add);
                }
                catch (Exception exception) when (!(exception is OperationCanceledException))
                {
                    warnings.Add($"The new credentials were not saved everywhere ({exception.GetType().Name}: {exception.Message}); they are still returned.");
                }
            }

            return warnings;
        }

        private async Task<CredentialResult?> FromCacheAsync(CredentialRequest request, CredentialOrigin origin, CancellationToken cancellationToken)
        {
            if (request.Force || !_session.TryGetCached(origin, DateTime.UtcNow, out CasAwsCredential? cached) || cached == null) return null;
            await EnrichAsync(request, cached, cancellationToken).ConfigureAwait(false);
            return new CredentialResult(cached, fromCache: true);
        }

        private async Task<SentRequest> SendAsync(CredentialRequest request, CancellationToken cancellationToken)
        {
            CasMfaOptions mfa = request.Mfa ?? _session.Mfa;
            if (mfa.Provider.NeedsCode() && (request.Passcode == null || request.Passcode.Length == 0 || request.PasscodeSent))
            {
                throw MfaErrors.PasscodeRequired(mfa.Provider, _session.Server, request.PasscodeSent);
            }

            SecureString? password = _session.CopyPassword();
            if (password == null)
            {
                throw new CasAwsException(ErrorIds.SessionPasswordRejected, CasAwsErrorKind.AuthenticationError, _session.Server,
                    $"CAS at {_session.Server} refused the login of this session earlier, so its password is not sent again (to avoid locking the account). Run Connect-CasAws again with the right password.");
            }

            using (password)
            {
                var casRequest = new CasRequest(_session.UserName, password, request.Duration)
                {
                    RoleArn = request.RoleArn,
                    Passcode = request.PasscodeSent ? null : request.Passcode,
                    Token = request.Token,
                    SerialNumber = request.SerialNumber,
                };
                mfa.ApplyTo(casRequest);
                bool codeSent = casRequest.Passcode != null && casRequest.Passcode.Length > 0;
                request.PasscodeSent |= codeSent;
                _session.CountCasLogin();
                CasAnswer answer = await _session.Client.SendAsync(casRequest, cancellationToken).ConfigureAwait(false);
                return new SentRequest(answer, mfa.Provider, codeSent, accountSent: casRequest.MfaAccount != null);
            }
        }

        private CasAwsCredential Accept(SentRequest sent, CredentialOrigin origin, CredentialRequest request)
        {
            CasAnswer answer = sent.Answer;
            switch (answer.Kind)
            {
                case CasAnswerKind.Credentials:
                    _session.LearnMode(origin.RoleArn == null ? CasAwsSessionMode.SessionTokenOrSingleRole : CasAwsSessionMode.Roles);
                    return Build(answer, origin);
                case CasAnswerKind.RoleRequired:
                case CasAnswerKind.RoleNotAllowed:
                    _session.LearnRoles(answer.Roles);
                    break;
                case CasAnswerKind.AuthenticationFailed:
                    _session.ForgetPassword();
                    break;
            }

            bool awsMfaSent = request.Token != null || request.SerialNumber != null;
            throw CasAnswerErrors.ToException(answer, _session.Settings, _session.UserName, origin.RoleArn, origin.Duration,
                provider: sent.Provider, mfaCodeSent: sent.CodeSent, mfaAccountSent: sent.AccountSent, awsMfaSent: awsMfaSent, mode: _session.Mode);
        }

        private static CasAwsCredential Build(CasAnswer answer, CredentialOrigin origin)
        {
            CasCredentialsBody body = answer.Credentials!;
            var credential = new CasAwsCredential(body.AccessKeyId, body.SecretAccessKey, body.SessionToken, answer.SentAtUtc + origin.Duration)
            {
                Region = body.Region,
                Origin = origin,
            };
            if (origin.RoleArn != null)
            {
                CasAwsRole role = CasAwsRole.FromArn(origin.RoleArn);
                credential.AssumedRoleArn = origin.RoleArn;
                if (role.AccountId.Length > 0) credential.AccountId = role.AccountId;
            }

            return credential;
        }

        private static async Task EnrichAsync(CredentialRequest request, CasAwsCredential credential, CancellationToken cancellationToken)
        {
            foreach (ICredentialEnricher enricher in request.Enrichers)
            {
                await enricher.EnrichAsync(credential, cancellationToken).ConfigureAwait(false);
            }
        }

        /// <summary>CAS's answer, and what the request carried that the error message depends on.</summary>
        private readonly struct SentRequest
        {
            public SentRequest(CasAnswer answer, CasMfaProvider provider, bool codeSent, bool accountSent)
            {
                Answer = answer;
                Provider = provider;
                CodeSent = codeSent;
                AccountSent = accountSent;
            }

            public CasAnswer Answer { get; }

            public CasMfaProvider Provider { get; }

            public bool CodeSent { get; }

            public bool AccountSent { get; }
        }
    }
}
