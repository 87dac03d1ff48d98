using System.Text.Json;

namespace CasAws.Emulator.Sts;

/// <summary>An inline session policy (AssumeRole's Policy): AWS checks it is JSON and reports its packed size.</summary>
public static class SessionPolicy
{
    /// <summary>The PackedPolicySize AWS reports (percent of the allowed size), or null without a policy.</summary>
    public static int? Check(string? policy)
    {
        if (policy is null) return null;
        var errors = new ValidationErrors();
        errors.Length("policy", policy, 1, 2048);
        errors.ThrowIfAny();
        try
        {
            using var document = JsonDocument.Parse(policy);
            if (document.RootElement.ValueKind != JsonValueKind.Object) throw new JsonException();
        }
        catch (JsonException)
        {
            throw new StsException(400, "MalformedPolicyDocument", "The policy is not in the valid JSON format.");
        }
        var packed = (int)Math.Ceiling(policy.Length * 100.0 / 2048 / 4);
        return Math.Max(1, packed);
    }
}
