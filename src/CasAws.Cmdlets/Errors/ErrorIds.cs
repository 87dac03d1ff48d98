namespace CasAws.Errors
{
    /// <summary>
    /// Every ErrorRecord id the module writes, in one place. Ids are part of the public surface:
    /// scripts match on them, so never rename one.
    /// </summary>
    internal static class ErrorIds
    {
    }
}
