namespace CasAws.Cas
{
    /// <summary>Every way a call to the awsSts endpoint can end, as the client tells them apart.</summary>
    internal enum CasAnswerKind
    {
        /// <summary>200 with the [default] credentials body.</summary>
        Credentials,

        /// <summary>401 'Authentication failed': wrong password, or MFA denied, failed or timed out.</summary>
        AuthenticationFailed,

        /// <summary>401 'Authorization failure': the user lacks the attribute (AWS group) CAS checks.</summary>
        AuthorizationFailure,

        /// <summary>401: several roles and no roleArn; <see cref="CasAnswer.Roles"/> lists them.</summary>
        RoleRequired,

        /// <summary>401: the roleArn matches none of the user's roles; <see cref="CasAnswer.Roles"/> lists them.</summary>
        RoleNotAllowed,

        /// <summary>401: role mode and the user has no role (newest CAS only).</summary>
        NoRoles,

        /// <summary>401/403/404/3xx with a body that is not CAS's, or a web page: the endpoint is not there or not open.</summary>
        EndpointUnavailable,

        /// <summary>5xx: usually STS refusing the duration or the role, or a misconfigured CAS.</summary>
        ServerError,

        /// <summary>Another 4xx, such as 400 or 415: CAS did not accept the request's form.</summary>
        RequestRejected,

        /// <summary>200 (or other) whose body cannot be read as CAS's answer: truncated, garbled or too large.</summary>
        MalformedResponse,

        /// <summary>An answer of the right form holding a value outside its AWS shape or a control character (a lone CR, an escape).</summary>
        MalformedValue,

        /// <summary>No answer within the timeout.</summary>
        Timeout,

        /// <summary>TLS failed: the server's certificate is not trusted (or the handshake failed).</summary>
        CertificateUntrusted,

        /// <summary>Nothing listens at the host and port.</summary>
        ConnectionRefused,

        /// <summary>The host name does not resolve.</summary>
        UnknownHost,

        /// <summary>
        /// The proxy could not be reached, or refused to carry the request (a proxy error or a failed CONNECT).
        /// <see cref="CasAnswer.Detail"/> starts with the proxy's address.
        /// </summary>
        ProxyFailure,

        /// <summary>Any other network failure.</summary>
        NetworkFailure,
    }
}
