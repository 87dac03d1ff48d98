using System.Globalization;
using System.Text;

namespace CasAws.Aws
{
    /// <summary>
    /// The little JSON the federation endpoint needs: one object of strings out, one string field back,
    /// read by the platform's own JSON reader (<see cref="PlatformJsonReader"/>).
    /// </summary>
    internal static class JsonText
    {
        /// <summary>A JSON string literal, quotes included.</summary>
        public static string Quote(string value)
        {
            var builder = new StringBuilder(value.Length + 2);
            builder.Append('"');
            foreach (char c in value)
            {
                switch (c)
                {
                    case '"': builder.Append("\\\""); break;
                    case '\\': builder.Append("\\\\"); break;
                    case '\n': builder.Append("\\n"); break;
                    case '\r': builder.Append("\\r"); break;
                    case '\t': builder.Append("\\t"); break;
                    default:
                        if (c < ' ')
                        {
                            builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                        }
                        else
                        {
                            builder.Append(c);
                        }

                        break;
                }
            }

            return builder.Append('"').ToString();
        }

        /// <summary>
        /// The value of the top-level string field <paramref name="name"/>, or null when the text is not a
        /// JSON object (malformed, too deep, a bad escape), lacks the field, or holds something else there.
        /// Never throws for any input.
        /// </summary>
        public static string? ReadStringField(string json, string name) =>
#if NETSTANDARD2_0
            PlatformJsonReader.WithDataContractJson(json, name);
#else
            PlatformJsonReader.WithSystemTextJson(json, name);
#endif
    }
}
