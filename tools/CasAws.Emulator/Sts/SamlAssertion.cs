using System.Xml;
using System.Xml.Linq;

namespace CasAws.Emulator.Sts;

/// <summary>
/// The parts of a base64 SAML response that AssumeRoleWithSAML reads. The emulator does not verify the
/// XML signature (there is no identity provider key to check it against); it reads the AWS attributes.
/// </summary>
public sealed class SamlAssertion
{
    private const string RoleAttribute = "https://aws.amazon.com/SAML/Attributes/Role";
    private const string SessionNameAttribute = "https://aws.amazon.com/SAML/Attributes/RoleSessionName";
    private const string SessionDurationAttribute = "https://aws.amazon.com/SAML/Attributes/SessionDuration";

    private SamlAssertion(IReadOnlyList<(string Role, string Provider)> pairs, string roleSessionName, int? sessionDuration,
        string subject, string subjectType, string issuer)
    {
        RolePairs = pairs;
        RoleSessionName = roleSessionName;
        SessionDurationSeconds = sessionDuration;
        Subject = subject;
        SubjectType = subjectType;
        Issuer = issuer;
    }

    public IReadOnlyList<(string Role, string Provider)> RolePairs { get; }
    public string RoleSessionName { get; }
    public int? SessionDurationSeconds { get; }
    public string Subject { get; }
    public string SubjectType { get; }
    public string Issuer { get; }

    public bool AllowsRole(string roleArn, string providerArn) => RolePairs.Contains((roleArn, providerArn));

    public static SamlAssertion Parse(string base64)
    {
        XDocument document;
        try
        {
            var xml = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(base64));
            document = XDocument.Parse(xml, LoadOptions.None);
        }
        catch (Exception e) when (e is FormatException or XmlException)
        {
            throw new StsException(400, "MalformedInput", "Invalid base64 SAMLResponse (or not a SAML XML document).");
        }
        var attributes = document.Descendants().Where(e => e.Name.LocalName == "Attribute").ToList();
        IEnumerable<string> ValuesOf(string name) => attributes
            .Where(a => (string?)a.Attribute("Name") == name)
            .SelectMany(a => a.Elements().Where(v => v.Name.LocalName == "AttributeValue"))
            .Select(v => v.Value.Trim());

        var pairs = new List<(string, string)>();
        foreach (var value in ValuesOf(RoleAttribute))
        {
            var parts = value.Split(',', 2);
            if (parts.Length != 2) continue;
            var (first, second) = (parts[0].Trim(), parts[1].Trim());
            pairs.Add(first.Contains(":saml-provider/", StringComparison.Ordinal) ? (second, first) : (first, second));
        }
        var sessionName = ValuesOf(SessionNameAttribute).FirstOrDefault();
        if (pairs.Count == 0 || string.IsNullOrEmpty(sessionName) || !System.Text.RegularExpressions.Regex.IsMatch(sessionName, @"^[\w+=,.@-]{2,64}$"))
            throw new StsException(400, "InvalidIdentityToken", "The SAML assertion lacks a valid Role or RoleSessionName attribute.");
        int? duration = int.TryParse(ValuesOf(SessionDurationAttribute).FirstOrDefault(), out var seconds) ? seconds : null;
        var nameId = document.Descendants().FirstOrDefault(e => e.Name.LocalName == "NameID");
        var issuer = document.Descendants().FirstOrDefault(e => e.Name.LocalName == "Issuer")?.Value.Trim() ?? "";
        var format = (string?)nameId?.Attribute("Format") ?? "urn:oasis:names:tc:SAML:2.0:nameid-format:transient";
        return new SamlAssertion(pairs, sessionName, duration, nameId?.Value.Trim() ?? sessionName, format.Split(':').Last(), issuer);
    }
}
