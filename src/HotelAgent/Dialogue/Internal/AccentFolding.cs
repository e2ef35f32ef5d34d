using System.Globalization;
using System.Text;

namespace HotelAgent;

/// <summary>
/// Removes accents from the Latin letters without normalizing the whole text: for each character up to Latin
/// Extended-B, what is left of it once decomposed (<see cref="NormalizationForm.FormD"/>) without its non-spacing marks,
/// worked out once from <see cref="string.Normalize(NormalizationForm)"/> itself. Texts with other characters take the
/// normalizing path, so the result is always the same.
/// </summary>
internal static class AccentFolding
{
    private const int TableSize = 0x250;
    private const char Dropped = '\0';
    private const char Unknown = '\uFFFF';

    private static readonly char[] Table = CreateTable();

    /// <summary>
    /// Returns whether <paramref name="c"/> is in the table: then <paramref name="folded"/> is the character without
    /// its accents, or <c>'\0'</c> when nothing is left of it (a combining mark).
    /// </summary>
    public static bool TryFold(char c, out char folded)
    {
        if (c < TableSize && Table[c] != Unknown)
        {
            folded = Table[c];
            return true;
        }

        folded = Unknown;
        return false;
    }

    private static char[] CreateTable()
    {
        var table = new char[TableSize];
        for (var c = 0; c < TableSize; c++)
        {
            if (char.IsSurrogate((char)c))
            {
                table[c] = Unknown;
                continue;
            }

            var kept = new StringBuilder();
            foreach (var d in ((char)c).ToString().Normalize(NormalizationForm.FormD))
            {
                if (CharUnicodeInfo.GetUnicodeCategory(d) != UnicodeCategory.NonSpacingMark)
                {
                    kept.Append(d);
                }
            }

            table[c] = kept.Length switch
            {
                0 => Dropped,
                1 when kept[0] is not Dropped and not Unknown => kept[0],
                _ => Unknown,
            };
        }

        return table;
    }
}
