namespace CasAws.Session
{
    /// <summary>What the CAS server has shown about how it hands out credentials.</summary>
    public enum CasAwsSessionMode
    {
        /// <summary>Not yet known.</summary>
        Unknown,

        /// <summary>CAS answered with credentials without a role being named: session-token mode, or role mode with a single role.</summary>
        SessionTokenOrSingleRole,

        /// <summary>Role mode: CAS assumes the role the client names.</summary>
        Roles,
    }
}
