namespace HotelAgent.Nlu;

internal static class RuleBasedNluDefaults
{
    public const string DefaultLanguage = "es";
    public const double ConfidenceThreshold = 0.3;
    public const int AdultAge = 18;
    public const string ServiceKey = "HotelAgent.Nlu.RuleBased";
}
