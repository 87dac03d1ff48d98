namespace CasAws.Errors
{
    /// <summary>
    /// Every ErrorRecord id the module writes, in one place. Ids are part of the public surface:
    /// scripts match on them, so never rename one.
    /// </summary>
    internal static class ErrorIds
    {
        // --- answers from CAS (cas-awssts-protocol.md) -----------------------------------------
        /// <summary>401 'Authentication failed': wrong password, or Duo denied / timed out / wrong passcode.</summary>
        public const string CasAuthenticationFailed = "CasAuthenticationFailed";

        /// <summary>401 'Authorization failure': the user is not in the group CAS requires for AWS.</summary>
        public const string CasAuthorizationFailure = "CasAuthorizationFailure";

        /// <summary>Several roles and none chosen (said by CAS, or known from the session in a non-interactive host).</summary>
        public const string RoleArnRequired = "RoleArnRequired";

        /// <summary>401 'Specified role is not allowed': the role is not one of the user's.</summary>
        public const string CasRoleNotAllowed = "CasRoleNotAllowed";

        /// <summary>401: role mode and the user has no role at all.</summary>
        public const string CasNoRoles = "CasNoRoles";

        /// <summary>404/403/unknown 401/redirect/web page: the awsSts endpoint is not there or not open.</summary>
        public const string CasEndpointUnavailable = "CasEndpointUnavailable";

        /// <summary>5xx: most often STS refusing the duration or the role, or CAS misconfigured.</summary>
        public const string CasServerError = "CasServerError";

        /// <summary>400/415 and other 4xx: CAS did not accept the request.</summary>
        public const string CasRequestRejected = "CasRequestRejected";

        /// <summary>An answer that is not CAS's: truncated, garbled, oversized.</summary>
        public const string CasMalformedResponse = "CasMalformedResponse";

        /// <summary>
        /// A server (CAS, STS, the federation endpoint) answered with a value outside the shape AWS documents
        /// for it or holding a control character: nothing was kept, cached, written or shown.
        /// </summary>
        public const string ServerValueMalformed = "ServerValueMalformed";

        public const string CasTimeout = "CasTimeout";

        public const string CasCertificateUntrusted = "CasCertificateUntrusted";

        public const string CasConnectionRefused = "CasConnectionRefused";

        public const string CasUnknownHost = "CasUnknownHost";

        public const string CasNetworkFailure = "CasNetworkFailure";

        /// <summary>The proxy (-Proxy or the system's) could not be reached or refused to carry the request.</summary>
        public const string ProxyFailure = "ProxyFailure";

        // --- checked here, before any call -------------------------------------------------------
        /// <summary>-Duration outside STS's bounds (15 min; 12 h for roles; 36 h for session tokens).</summary>
        public const string DurationOutOfRange = "DurationOutOfRange";

        /// <summary>No -Credential and the host cannot prompt.</summary>
        public const string CredentialRequired = "CredentialRequired";

        /// <summary>No session and no -Server.</summary>
        public const string NotConnected = "NotConnected";

        /// <summary>The session dropped its password after CAS refused it; a new login is needed.</summary>
        public const string SessionPasswordRejected = "SessionPasswordRejected";

        /// <summary>-RoleArn names no known role.</summary>
        public const string RoleArnNotFound = "RoleArnNotFound";

        /// <summary>-RoleArn matches several known roles.</summary>
        public const string RoleArnAmbiguous = "RoleArnAmbiguous";

        /// <summary>-RoleArn is a name or pattern but no role list is known to resolve it against.</summary>
        public const string RoleListUnknown = "RoleListUnknown";

        /// <summary>-Server uses plain http to another computer (plain http is allowed only for this computer).</summary>
        public const string InsecureServerUrl = "InsecureServerUrl";

        /// <summary>-Proxy is not an http(s)/socks URL, or holds a user name or password.</summary>
        public const string ProxyUrlInvalid = "ProxyUrlInvalid";

        /// <summary>-Server is not an absolute http(s) URL, e.g. it has no scheme.</summary>
        public const string ServerUrlInvalid = "ServerUrlInvalid";

        /// <summary>A server or issuer URL holds user:password@: it would be saved, put on command lines and shown.</summary>
        public const string ServerUrlHasUserInfo = "ServerUrlHasUserInfo";

        /// <summary>-EndpointPath (or a saved one, or the helper's --endpoint-path) is a URL or leaves the CAS server.</summary>
        public const string EndpointPathInvalid = "EndpointPathInvalid";

        /// <summary>-CaBundlePath cannot be read as PEM certificates.</summary>
        public const string CaBundleUnreadable = "CaBundleUnreadable";

        /// <summary>Get-CasAwsRole -Name: a name without wildcards that matches no known role.</summary>
        public const string RoleNotFound = "RoleNotFound";

        /// <summary>The interactive role choice was left without picking a role.</summary>
        public const string RoleChoiceCancelled = "RoleChoiceCancelled";

        // --- STS, role chaining and console sign-in (src/CasAws.Core/Aws) ---------------------
        /// <summary>STS AccessDenied: typically the role's trust policy does not allow these credentials.</summary>
        public const string StsAccessDenied = "StsAccessDenied";

        /// <summary>STS ExpiredToken: the source credentials expired.</summary>
        public const string StsExpiredToken = "StsExpiredToken";

        /// <summary>STS InvalidClientTokenId / SignatureDoesNotMatch: STS does not know these keys.</summary>
        public const string StsInvalidToken = "StsInvalidToken";

        /// <summary>STS ValidationError (other than the role-chaining cap).</summary>
        public const string StsValidationError = "StsValidationError";

        /// <summary>STS RegionDisabledException: STS is not activated in that region for the account.</summary>
        public const string StsRegionDisabled = "StsRegionDisabled";

        /// <summary>STS could not be reached: refused connection, unknown host, TLS failure.</summary>
        public const string StsNetworkFailure = "StsNetworkFailure";

        public const string StsTimeout = "StsTimeout";

        /// <summary>Any other STS error.</summary>
        public const string StsFailed = "StsFailed";

        /// <summary>-EndpointUrl, AWS_ENDPOINT_URL_STS, -Region or AWS_REGION is not usable.</summary>
        public const string StsEndpointInvalid = "StsEndpointInvalid";

        /// <summary>The module's sts folder (CasAws.Sts and the AWS SDK) is missing or cannot load.</summary>
        public const string StsComponentMissing = "StsComponentMissing";

        /// <summary>More than 1 hour asked for when the source credentials are role credentials.</summary>
        public const string RoleChainingDurationExceeded = "RoleChainingDurationExceeded";

        /// <summary>-RoleArn of a chained role is not an IAM role ARN.</summary>
        public const string ChainRoleArnInvalid = "ChainRoleArnInvalid";

        /// <summary>-RoleSessionName is not 2-64 of [A-Za-z0-9_+=,.@-].</summary>
        public const string RoleSessionNameInvalid = "RoleSessionNameInvalid";

        /// <summary>-ExternalId is not what STS accepts.</summary>
        public const string ExternalIdInvalid = "ExternalIdInvalid";

        /// <summary>-SerialNumber or -TokenCode malformed, or one given without the other where no prompt is possible.</summary>
        public const string MfaParameterInvalid = "MfaParameterInvalid";

        /// <summary>Console sign-in asked for with session-token (GetSessionToken) credentials, which the federation endpoint refuses.</summary>
        public const string ConsoleNeedsRoleCredentials = "ConsoleNeedsRoleCredentials";

        /// <summary>The federation endpoint refused getSigninToken.</summary>
        public const string FederationRefused = "FederationRefused";

        /// <summary>The federation endpoint answered without a sign-in token.</summary>
        public const string FederationUnexpectedAnswer = "FederationUnexpectedAnswer";

        public const string FederationNetworkFailure = "FederationNetworkFailure";

        public const string FederationTimeout = "FederationTimeout";

        /// <summary>-FederationUrl, -Destination or -Issuer is not an https URL.</summary>
        public const string ConsoleUrlInvalid = "ConsoleUrlInvalid";

        /// <summary>-Open could not start a browser.</summary>
        public const string BrowserOpenFailed = "BrowserOpenFailed";

        // --- OpenID Connect login and AssumeRoleWithWebIdentity (issue 13) ----------------------
        /// <summary>-OpenIdConnect with -Credential, -Passcode, -Token or -SerialNumber (the browser asks for those).</summary>
        public const string OidcParameterConflict = "OidcParameterConflict";

        /// <summary>CAS's discovery, token or userinfo endpoint could not be reached.</summary>
        public const string OidcServerUnreachable = "OidcServerUnreachable";

        /// <summary>CAS's discovery, token or userinfo endpoint did not answer in time.</summary>
        public const string OidcServerTimeout = "OidcServerTimeout";

        /// <summary>Discovery or a token answer is not usable (wrong issuer, foreign endpoints, malformed JSON).</summary>
        public const string OidcUnexpectedAnswer = "OidcUnexpectedAnswer";

        /// <summary>The browser did not come back within -TimeoutSec (closed tab, denied Duo push).</summary>
        public const string OidcLoginTimeout = "OidcLoginTimeout";

        /// <summary>The redirect carried a state this login did not send (stale tab or forged request).</summary>
        public const string OidcStateMismatch = "OidcStateMismatch";

        /// <summary>CAS redirected with an error (access_denied, invalid_scope...) or without a code.</summary>
        public const string OidcAuthorizationRefused = "OidcAuthorizationRefused";

        /// <summary>The token endpoint refused the code (used, expired, PKCE mismatch, unknown client).</summary>
        public const string OidcTokenRequestRefused = "OidcTokenRequestRefused";

        /// <summary>The id_token failed a check: issuer, audience, expiry, nonce, or the refreshed user.</summary>
        public const string OidcIdTokenInvalid = "OidcIdTokenInvalid";

        /// <summary>The id_token expired (and no refresh token renewed it): log in again.</summary>
        public const string OidcLoginExpired = "OidcLoginExpired";

        /// <summary>Another local process got in the way of the browser login (the one-time page opened twice, another user, a callback from another client): abandoned.</summary>
        public const string OidcLoginInterference = "OidcLoginInterference";

        /// <summary>The redirect's iss (RFC 9207) is not the issuer, or is missing where the issuer always sends it.</summary>
        public const string OidcIssuerMismatch = "OidcIssuerMismatch";

        /// <summary>The id_token is for another user than -UserName or the saved connection's user.</summary>
        public const string OidcUnexpectedUser = "OidcUnexpectedUser";

        /// <summary>-RedirectPort is taken on 127.0.0.1.</summary>
        public const string OidcRedirectPortInUse = "OidcRedirectPortInUse";

        /// <summary>-NoBrowser: what was pasted is not the address the browser ended on, nothing was, or the host cannot ask.</summary>
        public const string OidcPastedUrlInvalid = "OidcPastedUrlInvalid";

        /// <summary>STS InvalidIdentityToken: no IAM OIDC provider for the issuer, audience not listed, JWKS unreachable.</summary>
        public const string WebIdentityTokenRejected = "WebIdentityTokenRejected";

        /// <summary>STS IDPRejectedClaim: the identity provider rejected the claims (revoked session).</summary>
        public const string WebIdentityClaimRejected = "WebIdentityClaimRejected";

        /// <summary>STS IDPCommunicationError: AWS could not reach the issuer.</summary>
        public const string WebIdentityProviderUnreachable = "WebIdentityProviderUnreachable";

        /// <summary>STS AccessDenied for AssumeRoleWithWebIdentity: the role's trust policy refuses the provider, audience or subject.</summary>
        public const string WebIdentityAccessDenied = "WebIdentityAccessDenied";

        // --- AWS files, credential_process profiles, environments (issue 4) ----------------------
        /// <summary>~/.aws/credentials or ~/.aws/config does not parse; it was left unchanged.</summary>
        public const string AwsFileMalformed = "AwsFileMalformed";

        /// <summary>~/.aws/credentials or ~/.aws/config cannot be read or written; it was left unchanged.</summary>
        public const string AwsFileNotWritable = "AwsFileNotWritable";

        /// <summary>A section, key or value to be written holds a line break or other control character; the file was left unchanged.</summary>
        public const string AwsFileValueUnsafe = "AwsFileValueUnsafe";

        /// <summary>The profile holds keys or settings CasAws did not write and -Force was not given.</summary>
        public const string ProfileNotOwned = "ProfileNotOwned";

        /// <summary>A profile name the AWS CLI cannot address (spaces, brackets, quotes).</summary>
        public const string InvalidProfileName = "InvalidProfileName";

        /// <summary>The credential_process helper for this platform is not in the module.</summary>
        public const string CredentialProcessHelperMissing = "CredentialProcessHelperMissing";

        /// <summary>The module's credential_process helper for this platform has no execute permission (installed by a tool that drops file modes).</summary>
        public const string CredentialProcessHelperNotExecutable = "CredentialProcessHelperNotExecutable";

        /// <summary>The per-user copy of the helper that profiles run cannot be written.</summary>
        public const string CredentialProcessHelperNotCopied = "CredentialProcessHelperNotCopied";

        /// <summary>A value cannot be written into credential_process safely.</summary>
        public const string CredentialProcessArgumentUnsafe = "CredentialProcessArgumentUnsafe";

        /// <summary>Register-CasAwsProfile without -Server, piped credentials or a session.</summary>
        public const string ProfileServerRequired = "ProfileServerRequired";

        /// <summary>-RoleArn for a profile is not an exact role ARN and cannot be resolved.</summary>
        public const string ProfileRoleArnInvalid = "ProfileRoleArnInvalid";

        /// <summary>Unregister-CasAwsProfile: no such profile registered by CasAws.</summary>
        public const string ProfileNotRegistered = "ProfileNotRegistered";

        /// <summary>The credential cache for credential_process cannot be written.</summary>
        public const string CredentialCacheNotWritable = "CredentialCacheNotWritable";

        /// <summary>Invoke-CasAwsCommand / ConvertTo-CasAwsEnvironment got credentials that have expired.</summary>
        public const string CredentialExpired = "CredentialExpired";

        /// <summary>A value cannot be written for the chosen shell.</summary>
        public const string ShellValueUnsafe = "ShellValueUnsafe";

        // --- CAS MFA providers and saved connections (issue 10) --------------------------------------
        /// <summary>The MFA provider needs a one-time code, none was given (or it was used already), and the host cannot prompt.</summary>
        public const string MfaPasscodeRequired = "MfaPasscodeRequired";

        /// <summary>No -Server and no saved connection, or -Server/-Name names no saved connection.</summary>
        public const string ConnectionNotFound = "ConnectionNotFound";

        /// <summary>The saved-connections file is damaged or unreadable (a warning: the file is ignored, never fatal).</summary>
        public const string ConnectionSettingsCorrupt = "ConnectionSettingsCorrupt";

        /// <summary>A warning: connections.json or its directory belongs to another user or can be written by group or others, so it was not read.</summary>
        public const string ConnectionSettingsUntrusted = "ConnectionSettingsUntrusted";

        /// <summary>The connection worked but its settings could not be saved (a warning).</summary>
        public const string ConnectionNotSaved = "ConnectionNotSaved";

        /// <summary>-Name is not a usable connection name.</summary>
        public const string ConnectionNameInvalid = "ConnectionNameInvalid";

        // --- users' files and the private cache (issue 8, part C) --------------------------------
        /// <summary>~/.aws/credentials or ~/.aws/config is read-only: left unchanged, mode untouched.</summary>
        public const string AwsFileReadOnly = "AwsFileReadOnly";

        /// <summary>~/.aws/credentials or ~/.aws/config is a symbolic link to a file that does not exist.</summary>
        public const string AwsFileDanglingLink = "AwsFileDanglingLink";

        /// <summary>The private cache directory belongs to another user or is writable by group or others.</summary>
        public const string CacheDirectoryUntrusted = "CacheDirectoryUntrusted";

        /// <summary>Get-CasAwsConsoleUrl -Open: the browser did not fetch the one-time sign-in page in time.</summary>
        public const string ConsoleSignInPageNotOpened = "ConsoleSignInPageNotOpened";

        /// <summary>Get-CasAwsConsoleUrl -Open: another local process fetched (or another user tried) the one-time sign-in page.</summary>
        public const string ConsoleSignInPageInterference = "ConsoleSignInPageInterference";

        // --- the console at a service and region, session length, profile (issue 22, item 3) ---------
        /// <summary>Get-CasAwsConsoleUrl -SessionDuration outside 15 minutes to 12 hours.</summary>
        public const string ConsoleSessionDurationInvalid = "ConsoleSessionDurationInvalid";

        /// <summary>Get-CasAwsConsoleUrl -Service names no service of the documented map.</summary>
        public const string ConsoleServiceUnknown = "ConsoleServiceUnknown";

        /// <summary>Get-CasAwsConsoleUrl -Region is not an AWS region name.</summary>
        public const string ConsoleRegionInvalid = "ConsoleRegionInvalid";

        // --- an organisation's published connection file (issue 22, item 5) ----------------------------
        /// <summary>Import-CasAwsConnection: the file or URL could not be read or fetched.</summary>
        public const string ConnectionFileUnreadable = "ConnectionFileUnreadable";

        /// <summary>Import-CasAwsConnection: the file is not a connection file, or a setting in it fails its rule.</summary>
        public const string ConnectionFileInvalid = "ConnectionFileInvalid";

        /// <summary>Import-CasAwsConnection: the file has a field for a secret (a password, a token, a key): refused whole.</summary>
        public const string ConnectionFileHoldsSecret = "ConnectionFileHoldsSecret";

        // --- credentials that outlive the hour (issue 21) --------------------------------------
        /// <summary>A served role cannot be renewed without a person (one-time code, refused password, browser login ending).</summary>
        public const string RenewalNeedsPerson = "RenewalNeedsPerson";

        /// <summary>A background renewal of a served role failed; the endpoint keeps serving the old keys until they expire.</summary>
        public const string RenewalFailed = "RenewalFailed";

        /// <summary>Invoke-CasAwsCommand -KeepFresh was given fixed keys (piped credentials), which nothing can renew.</summary>
        public const string KeepFreshNeedsSession = "KeepFreshNeedsSession";

        /// <summary>-RenewBefore is not shorter than the credentials' duration.</summary>
        public const string RenewBeforeOutOfRange = "RenewBeforeOutOfRange";

        /// <summary>Start-CasAwsCredentialServer: an endpoint for that name or role already runs.</summary>
        public const string CredentialServerExists = "CredentialServerExists";

        /// <summary>Get-/Stop-CasAwsCredentialServer -Name: no running endpoint has that name.</summary>
        public const string CredentialServerNotFound = "CredentialServerNotFound";

        /// <summary>The loopback endpoint could not listen on 127.0.0.1.</summary>
        public const string CredentialServerFailed = "CredentialServerFailed";

        // --- profiles for every role, account aliases (issue 22) ---------------------------------
        /// <summary>Register-CasAwsProfile -NameTemplate: an unknown placeholder, an unpaired brace, or no placeholder.</summary>
        public const string ProfileNameTemplateInvalid = "ProfileNameTemplateInvalid";

        /// <summary>Register-CasAwsProfile -NameTemplate gives two roles one profile name (or a role an empty one).</summary>
        public const string ProfileNameClash = "ProfileNameClash";

        /// <summary>Set-CasAwsAccountAlias: the account id is not 12 digits, or the alias is not an IAM-shaped alias.</summary>
        public const string AccountAliasInvalid = "AccountAliasInvalid";

        /// <summary>Remove-CasAwsAccountAlias: the saved connection has no alias for that account.</summary>
        public const string AccountAliasNotFound = "AccountAliasNotFound";

        /// <summary>Get-CasAwsRole -ResolveAlias: IAM ListAccountAliases was refused or failed for an account (a warning).</summary>
        public const string AccountAliasNotResolved = "AccountAliasNotResolved";
    }
}
