namespace CasAws.Emulator.Sts;

/// <summary>Collects AWS's model-constraint failures and reports them in AWS's words ("2 validation errors detected: ...").</summary>
public sealed class ValidationErrors
{
    private readonly List<string> _errors = new();

    public void Required(string member, string? value)
    {
        if (value is null) _errors.Add($"Value null at '{member}' failed to satisfy constraint: Member must not be null");
    }

    public void Length(string member, string? value, int min, int max)
    {
        if (value is null) return;
        if (value.Length < min) Add(member, value, $"Member must have length greater than or equal to {min}");
        else if (value.Length > max) Add(member, value, $"Member must have length less than or equal to {max}");
    }

    /// <summary>A length rule for a secret member: AWS names the member but does not quote the value.</summary>
    public void SensitiveLength(string member, string? value, int min, int max)
    {
        if (value is null || (value.Length >= min && value.Length <= max)) return;
        _errors.Add($"Value at '{member}' failed to satisfy constraint: Member must have length {(value.Length < min ? "greater than or equal to " + min : "less than or equal to " + max)}");
    }

    public void Pattern(string member, string? value, string pattern)
    {
        if (value is null) return;
        if (!System.Text.RegularExpressions.Regex.IsMatch(value, "^(?:" + pattern + ")$"))
            Add(member, value, $"Member must satisfy regular expression pattern: {pattern}");
    }

    public void Range(string member, int? value, int min, int max)
    {
        if (value is null) return;
        if (value < min) Add(member, value.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), $"Member must have value greater than or equal to {min}");
        else if (value > max) Add(member, value.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), $"Member must have value less than or equal to {max}");
    }

    private void Add(string member, string value, string constraint) =>
        _errors.Add($"Value '{value}' at '{member}' failed to satisfy constraint: {constraint}");

    public void ThrowIfAny()
    {
        if (_errors.Count == 0) return;
        var head = _errors.Count == 1 ? "1 validation error detected: " : $"{_errors.Count} validation errors detected: ";
        throw StsException.Validation(head + string.Join("; ", _errors));
    }
}
