namespace CasAws.Files
{
    /// <summary>Who a profile section belongs to, judged by its keys.</summary>
    internal enum ProfileOwnership
    {
        /// <summary>No such section.</summary>
        Missing,

        /// <summary>A section CasAws wrote (it carries x_casaws_managed).</summary>
        CasAws,

        /// <summary>A section with no keys or settings that matter for credentials.</summary>
        NoKeys,

        /// <summary>A section holding credentials or settings CasAws did not write: changed only with -Force.</summary>
        Foreign,
    }
}
