using System.Globalization;
using System.Text;
using HotelAgent.Abstractions;

namespace HotelAgent.Nlu.Training;

/// <summary>Formats the full intent confusion matrix of a report (rows: expected, columns: predicted).</summary>
internal static class ConfusionMatrix
{
    public static string Format(NluEvaluationReport report)
    {
        var intents = Intents.All;
        var m = new int[intents.Count, intents.Count];
        foreach (var i in report.Intents)
        {
            var k = Index(i.Intent);
            if (k >= 0)
            {
                m[k, k] = i.Correct;
            }
        }

        foreach (var c in report.Confusions)
        {
            var e = Index(c.Expected);
            var a = Index(c.Actual);
            if (e >= 0 && a >= 0)
            {
                m[e, a] = c.Count;
            }
        }

        var b = new StringBuilder("Confusion matrix (rows expected, columns predicted):\n");
        b.Append(' ', 24);
        for (var j = 0; j < intents.Count; j++)
        {
            b.Append(CultureInfo.InvariantCulture, $"{j,4}");
        }

        b.Append('\n');
        for (var i = 0; i < intents.Count; i++)
        {
            b.Append(CultureInfo.InvariantCulture, $"{i,2} {intents[i],-21}");
            for (var j = 0; j < intents.Count; j++)
            {
                b.Append(m[i, j] == 0 ? "   ." : m[i, j].ToString("D", CultureInfo.InvariantCulture).PadLeft(4));
            }

            b.Append('\n');
        }

        return b.ToString();

        static int Index(string intent)
        {
            for (var i = 0; i < Intents.All.Count; i++)
            {
                if (Intents.All[i] == intent)
                {
                    return i;
                }
            }

            return -1;
        }
    }
}
