using Microsoft.Data.Sqlite;

namespace Entangle.Data.Query;

/// <summary>
/// ICB crisis-level superpower involvement (<c>usinv</c>, <c>suinv</c>; ICB v15 codebook: 1 not involved, 2 political
/// or economic, 3 covert or semi-military, 4 direct military), read from the imported crisis-level table with each
/// value's source line. The backtest reads "a great power intervened militarily" from code 4.
/// </summary>
public sealed record IcbInvolvement(int Crisno, int? UsInvolvement, int? SuInvolvement, RowSource Source);

/// <summary>Queries the crisis-level columns the <see cref="IcbCrisis"/> record does not carry.</summary>
public static class IcbSuperpowerInvolvement
{
    /// <summary>Every crisis's <c>usinv</c> and <c>suinv</c>, by crisno.</summary>
    public static IReadOnlyDictionary<int, IcbInvolvement> Read(ReferenceData data)
    {
        var c = data.Require("icb");
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT crisno, usinv, suinv, file_id, line FROM icb_crisis ORDER BY crisno";
        using var rd = cmd.ExecuteReader();
        var result = new SortedDictionary<int, IcbInvolvement>();
        while (rd.Read())
            result[rd.GetInt32(0)] = new IcbInvolvement(rd.GetInt32(0), ReferenceData.NullableInt(rd, 1), ReferenceData.NullableInt(rd, 2),
                data.Source(rd.GetInt64(3), rd.GetInt32(4)));
        return result;
    }
}
