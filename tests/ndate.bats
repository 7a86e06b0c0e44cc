#!/usr/bin/env bats
# ndate: each kind of date and time expression with its TIMEX3 value,
# resolved against a reference date given with --ref-date.  The
# sentences are written for these tests.

load helper

# found REF SENTENCE: "type<TAB>value<TAB>text" for each expression ndate finds.
found() {
	printf '%s\n' "$2" | ndate -H -r "$1" | cut -f4-6
}

# expect REF SENTENCE TYPE VALUE TEXT: SENTENCE holds TEXT as TYPE VALUE.
expect() {
	local rows
	rows=$(found "$1" "$2")
	if ! printf '%s\n' "$rows" | grep -qxF "$(printf '%s\t%s\t%s' "$3" "$4" "$5")"; then
		printf 'in: %s\nwanted: %s %s %s\ngot:\n%s\n' "$2" "$3" "$4" "$5" "$rows" >&2
		return 1
	fi
}

# none REF SENTENCE: no expression at all.
none() {
	local rows
	rows=$(found "$1" "$2")
	if [ -n "$rows" ]; then
		printf 'in: %s\nwanted nothing, got:\n%s\n' "$2" "$rows" >&2
		return 1
	fi
}

@test "the seed article: its seven expressions and values" {
	ndate "$SEED" | cut -f2-6 > got
	cat > want <<'TSV'
start	end	type	value	text
68	78	DATE	2020-02-07	07/02/2020
95	105	DATE	2020-02-07	February 7
985	989	DATE	2016	2016
994	998	DATE	2018	2018
1205	1208	DATE	2020-05	May
2096	2104	DATE	2020-02-13	Thursday
2486	2489	DATE	PRESENT_REF	now
TSV
	diff want got
}

@test "durations, numeric and spelled" {
	expect 2013-03-15 "The strike lasted 90 days." DURATION P90D "90 days"
	expect 2013-03-15 "It took a decade to build." DURATION P10Y "a decade"
	expect 2013-03-15 "They signed a two-year contract." DURATION P2Y "two-year"
	expect 2013-03-15 "Prices rose over the past three years." DURATION P3Y "the past three years"
	expect 2013-03-15 "The flight took twenty-four hours." DURATION PT24H "twenty-four hours"
	expect 2013-03-15 "He waited for 45 minutes." DURATION PT45M "45 minutes"
	expect 2013-03-15 "Sales fell in the first nine months." DURATION P9M "the first nine months"
	expect 2013-03-15 "It lasted more than four hours." DURATION PT4H "more than four hours"
	expect 2013-03-15 "The siege lasted 2 1/2 years." DURATION P2Y6M "2 1/2 years"
	expect 2013-03-15 "He had lived there for years." DURATION PXY "years"
	[ "$(printf 'It lasted more than four hours.\n' | ndate -H -r 2013-03-15 | cut -f7)" = MORE_THAN ]
}

@test "spans: \"about\" stays out (its mod in), \"almost a hundred\" and \"the year two thousand\" stay whole" {
	expect 2013-03-15 "The flight took about five hours." DURATION PT5H "five hours"
	[ "$(printf 'The flight took about five hours.\n' | ndate -H -r 2013-03-15 | cut -f7)" = APPROX ]
	expect 2013-03-15 "The flight took nearly five hours." DURATION PT5H "nearly five hours"
	# "or so" after the unit belongs to the expression, an approximation, "ago" or not
	expect 2013-03-15 "The repairs will take a week or so." DURATION P1W "a week or so"
	expect 2013-03-15 "Two weeks or so ago the rains stopped." DATE 2013-W09 "Two weeks or so ago"
	expect 2013-03-15 "The plant will close over the next year or so." DATE 2014 "the next year or so"
	[ "$(printf 'The repairs will take a week or so.\n' | ndate -H -r 2013-03-15 | cut -f7)" = APPROX ]
	expect 2013-03-15 "The feud lasted almost a hundred years." DURATION P100Y "almost a hundred years"
	expect 2013-03-15 "Nobody knew what the year two thousand would bring." DATE 2000 "the year two thousand"
}

@test "the following year counts from the date the text wrote out; a year's quarter" {
	expect 2013-03-15 "On May 22, 1995, he was promoted, and the following year he left." DATE 1996 "the following year"
	expect 2013-03-15 "The talks began in March 1989. The following month they failed." DATE 1989-04 "The following month"
	expect 2013-03-15 "Sales rose the following year." DATE 2014 "the following year"
	expect 1989-11-01 "Profit will rise in next year's first quarter." DATE 1990-Q1 "next year's first quarter"
	expect 1989-11-01 "Profit rose in this year's third quarter." DATE 1989-Q3 "this year's third quarter"
}

@test "fixed phrases: the near future, that year, more weeks, the full year, the weeks ahead" {
	expect 2013-03-15 "Rates will rise in the near future." DATE FUTURE_REF "the near future"
	expect 2013-03-15 "Rates will rise in the short term." DATE FUTURE_REF "the short term"
	expect 2013-03-15 "Sales rose in 2009. Later that year they fell." DATE 2009 "Later that year"
	expect 2013-03-15 "He will stay for two more weeks." DURATION P2W "two more weeks"
	expect 2013-03-15 "He forecast higher sales for the full year." DATE 2013 "the full year"
	expect 2013-03-15 "Talks will go on in the weeks ahead." DURATION PXW "the weeks ahead"
	expect 2013-03-15 "The lease runs for 20 more years." DURATION P20Y "20 more years"
	expect 2013-03-15 "Shares rose eight trading days in a row." DURATION P8D "eight trading days"
	expect 2013-03-15 "Refunds take 5 business days." DURATION P5D "5 business days"
	expect 2013-03-15 "Few people write letters these days." DATE PRESENT_REF "these days"
	expect 2013-03-15 "She hopes she will one day run the firm." DATE FUTURE_REF "one day"
	expect 2013-03-15 "The repairs took one day." DURATION P1D "one day"
	none 2013-03-15 "He owns 20 more cars than his brother, and three trading firms."
	expect 2013-03-15 "The town will be without power for a while." DURATION PXX "a while"
	expect 2013-03-15 "The rest will be paid at a later date." DATE FUTURE_REF "a later date"
	none 2013-03-15 "To date, the date of the vote is unknown."
	expect 2013-03-15 "The trial opens the week of April 8." DATE 2013-W15 "the week of April 8"
	# a year gone through is its length; "for the year," this year
	expect 2013-03-15 "Margins should widen throughout the fiscal year." DURATION P1Y "the fiscal year"
	expect 2013-03-15 "Profit rose 5% for the year, it said." DATE 2013 "the year"
}

@test "fixed phrases kept apart from adjectives and names; the full year of the results told" {
	none 2013-03-15 "The firm will repay the long term debt."
	none 2013-03-15 "It wants a share in the short term lending market."
	none 2013-03-15 "The loan came from The Long Term Savings Bank of Ohio."
	[ "$(found 2013-03-15 "Prices in 2011 rose so much that year-end bonuses grew." | cut -f3)" = "$(printf '2011\nyear-end')" ]
	expect 2013-03-15 "Sales for the full year 2011 fell." DATE 2011 "the full year 2011"
	expect 2013-03-15 "Its best result came in the full year of 1999." DATE 1999 "the full year of 1999"
	expect 2013-03-15 "Fourth-quarter profit in 2012 fell, but for the full year it rose." DATE 2012 "the full year"
	expect 2013-03-15 "The plan aims at a bigger share by 2016, and profit should rise for the full year." DATE 2013 "the full year"
}

@test "vague durations" {
	expect 2013-03-15 "The talks went on for several days." DURATION PXD "several days"
	expect 2013-03-15 "Violence has grown in recent weeks." DURATION PXW "recent weeks"
	expect 2013-03-15 "He stayed a few months." DURATION PXM "a few months"
	# bare plural units after a word that asks for a length of time
	expect 2013-03-15 "The talks lasted minutes." DURATION PTXM "minutes"
	expect 2013-03-15 "Repairs will take days." DURATION PXD "days"
	expect 2013-03-15 "The search could take weeks." DURATION PXW "weeks"
	none 2013-03-15 "He read the minutes of the meeting."
	# "over the years": the span takes "the"
	expect 2013-03-15 "Over the years the town has grown." DURATION PXY "the years"
	expect 2013-03-15 "In the months since the vote, prices rose." DURATION PXM "the months"
	expect 2013-03-15 "In the years that followed, the rebels fought on." DURATION PXY "the years"
	expect 2013-03-15 "Sales slipped during the months that followed." DURATION PXM "the months"
	# a unit made an adjective with "-long"; "a" counts no plural
	expect 2013-03-15 "The two sides ended a day-long meeting." DURATION P1D "day-long"
	expect 2013-03-15 "They settled a decades-long feud." DURATION PXDE "decades-long"
	expect 2013-03-15 "It was a weeks-long strike." DURATION PXW "weeks-long"
}

@test "durations that read like dates" {
	expect 2013-03-15 "Growth will slow over the next decade." DURATION P10Y "the next decade"
	expect 2013-03-15 "Prices have risen for the past three years." DURATION P3Y "the past three years"
	expect 2013-03-15 "The rains came a month earlier than usual." DURATION P1M "a month"
	expect 2013-03-15 "The rains came a month earlier." DATE 2013-02 "a month earlier"
	# hours, minutes and seconds: a time taken
	expect 2013-03-15 "He won the race in 2:05:31." DURATION PT2H5M31S "2:05:31"
	expect 2013-03-15 "Polls opened at 10:30." TIME 2013-03-15T10:30 "10:30"
}

@test "the first end of a range, and fixed phrases" {
	expect 2013-03-15 "The loan matures in between 12 and 18 months." DURATION P12M "12"
	expect 2013-03-15 "The loan matures in between 12 and 18 months." DURATION P18M "18 months"
	expect 2013-03-15 "It takes two to three weeks." DURATION P2W "two"
	expect 2013-03-15 "He was living in Ohio at the time." DATE PAST_REF "the time"
	none 2013-03-15 "At the time of its founding it had 12 members."
	expect 2013-03-15 "Tickets are sold each season." SET P1Y "each season"
	expect 2013-03-15 "The plant will close by the end of year." DATE 2013 "the end of year"
	expect 2013-03-15 "The plant will close by end of year." DATE 2013 "end of year"
	expect 2013-03-15 "Debt fell by year end." DATE 2013 "year end"
	[ "$(printf 'Debt fell by year end.\n' | ndate -H -r 2013-03-15 | cut -f7)" = END ]
	# "since year-end": the last one, gone by
	expect 2013-03-15 "The index is down 5% since year-end." DATE 2012-12-31 "year-end"
	expect 2013-03-15 "Debt will fall by year-end." DATE 2013-12-31 "year-end"
}

@test "explicit years and decades" {
	expect 2013-03-15 "The plant opened in 2010." DATE 2010 "2010"
	expect 2013-03-15 "He left in 1987, she said." DATE 1987 "1987"
	expect 2013-03-15 "Prices soared in the 1990s." DATE 199 "the 1990s"
	expect 2013-03-15 "It happened in the late 1970s." DATE 197 "the late 1970s"
	expect 2013-03-15 "It was built in the 19th century." DATE 18 "the 19th century"
}

@test "a month or a season with its year said in words, as on the radio" {
	expect 2013-03-15 "Prices last fell that far in the winter of nineteen ninety-four." DATE 1994-WI "the winter of nineteen ninety-four"
	expect 2013-03-15 "October nineteen eighty-seven. Markets crash around the world." DATE 1987-10 "October nineteen eighty-seven"
	expect 2013-03-15 "In May nineteen people were hurt." DATE 2012-05 "May"
}

@test "holidays: on a fixed day, on a weekday of their month, and those that need Day" {
	expect 2013-10-20 "The shops will close on Christmas Eve." DATE 2013-12-24 "Christmas Eve"
	expect 2013-12-10 "The ship was found on Thanksgiving Day." DATE 2013-11-28 "Thanksgiving Day"
	expect 2013-10-20 "Ads will run every night until Election Day." DATE 2013-11-05 "Election Day"
	expect 2013-10-20 "The parade was held on Labor Day." DATE 2013-09-02 "Labor Day"
	expect 2013-10-20 "Fireworks lit the sky on Independence Day." DATE 2013-07-04 "Independence Day"
	none 2013-10-20 "The election was close. Labor unions had their say."
	[ "$(printf 'Polls close on Election Day.\n' | ndate -H | cut -f5)" = XXXX-11-XX ]
}

@test "a year inside a name is still a date (decision)" {
	expect 2013-03-15 "It broke the 1990 Clean Air Act." DATE 1990 "1990"
}

@test "months: bare, with a year, relative, with modifiers" {
	expect 2013-03-15 "The bank opened in June 2011." DATE 2011-06 "June 2011"
	expect 2013-03-15 "Rates were cut late last July." DATE 2012-07 "late last July"
	[ "$(printf 'Rates were cut late last July.\n' | ndate -H -r 2013-03-15 | cut -f7)" = END ]
	expect 2013-03-15 "The vote is due next month." DATE 2013-04 "next month"
	expect 2013-03-15 "Sales fell last month." DATE 2013-02 "last month"
}

@test "a bare month goes the way the verbs point" {
	expect 2013-03-15 "The minister said in August that talks had failed." DATE 2012-08 "August"
	expect 2013-03-15 "The minister will travel to Rome in August." DATE 2013-08 "August"
	expect 2013-03-15 "The fair in August draws crowds." DATE 2013-08 "August"
	expect 2013-11-20 "The plant will reopen in January." DATE 2014-01 "January"
	expect 2013-11-20 "The plant closed in January." DATE 2013-01 "January"
	# a day in the next month or two is the coming one, whatever the verb
	expect 2013-11-20 "The board said the dividend is payable Dec. 7." DATE 2013-12-07 "Dec. 7"
	expect 2013-11-20 "The notes matured Jan. 2, it said." DATE 2014-01-02 "Jan. 2"
	# one or two months back is the one just gone
	expect 2013-01-10 "Sales rose in November." DATE 2012-11 "November"
	# a past finite verb outranks the infinitive it governs; an infinitive alone points ahead
	expect 2013-03-15 "The bank agreed to sell its card unit in October." DATE 2012-10 "October"
	expect 2013-03-15 "The bank hopes to sell its card unit in October." DATE 2013-10 "October"
	expect 2013-03-15 "She was invited to speak at the fair in October." DATE 2013-10 "October"
	# "since" points back, whatever the verb
	expect 2013-03-15 "Shares are up 5% since August." DATE 2012-08 "August"
	# "until" and "effective" point ahead
	expect 2013-10-20 "The offer was extended until mid-November." DATE 2013-11 "mid-November"
	expect 2013-10-20 "The new chairman takes over, effective Feb. 1." DATE 2014-02-01 "Feb. 1"
}

@test "a plan in the past perfect was a plan" {
	# 2013-03-20 is a Wednesday
	expect 2013-03-20 "The tender offer had been scheduled to expire at midnight Friday." TIME 2013-03-15T24:00 "midnight Friday"
	expect 2013-03-20 "The bid had been due to expire Monday." DATE 2013-03-18 "Monday"
}

@test "a weekday in the possessive is an event gone by" {
	# 2013-03-20 is a Wednesday
	expect 2013-03-20 "Lawyers said they would try to overturn Monday's verdict." DATE 2013-03-18 "Monday"
	expect 2013-03-20 "Investors will study Friday's jobs report closely." DATE 2013-03-15 "Friday"
}

@test "a year written in the phrase wins over the tense; last with a day keeps the day" {
	expect 2013-03-22 "She remembered that January day in 2011." DATE 2011-01 "January"
	expect 2013-03-22 "Nobody forgot the March morning of 2009." DATE 2009-03 "March"
	expect 2013-03-22 "He was shot last Oct. 23 at his home." DATE 2012-10-23 "last Oct. 23"
}

@test "a bare weekday goes the way the verbs point" {
	# 2013-03-20 is a Wednesday
	expect 2013-03-20 "The minister said Thursday that he would resign." DATE 2013-03-14 "Thursday"
	expect 2013-03-20 "The minister will meet his counterpart on Thursday." DATE 2013-03-21 "Thursday"
	expect 2013-03-20 "She expects to arrive in Lima on Friday." DATE 2013-03-22 "Friday"
	expect 2013-03-20 "Police arrested him on Monday." DATE 2013-03-18 "Monday"
	expect 2013-03-20 "A bomb went off next to the hotel on Monday." DATE 2013-03-18 "Monday"
	expect 2013-03-20 "The verdict is expected Friday." DATE 2013-03-22 "Friday"
	expect 2013-03-20 "The vote was held last Friday." DATE 2013-03-15 "last Friday"
	expect 2013-03-20 "He will speak Friday afternoon." TIME 2013-03-22TAF "Friday afternoon"
	expect 2013-03-20 "Shots were heard Tuesday night." TIME 2013-03-19TNI "Tuesday night"
	# "until" points ahead, unless the past perfect has put its time behind
	expect 2013-03-20 "The museum stays open until Friday." DATE 2013-03-22 "Friday"
	expect 2013-03-20 "Until Monday, the police had not named a suspect." DATE 2013-03-18 "Monday"
	# "as early as", like "as soon as", is the soonest a thing may come; not past a past perfect
	expect 2013-03-20 "The envoy could arrive as early as Friday." DATE 2013-03-22 "Friday"
	expect 2013-03-20 "The envoy could arrive as soon as Friday." DATE 2013-03-22 "Friday"
	expect 2013-03-20 "As early as Monday, the police had known his name." DATE 2013-03-18 "Monday"
}

@test "relative days, years, weeks, quarters, halves, seasons" {
	expect 2013-03-20 "Shares fell yesterday." DATE 2013-03-19 "yesterday"
	expect 2013-03-20 "The court rules today." DATE 2013-03-20 "today"
	expect 2013-03-20 "The court rules tomorrow." DATE 2013-03-21 "tomorrow"
	expect 2013-03-20 "Profit rose last year." DATE 2012 "last year"
	expect 2013-03-20 "Profit will rise this fiscal year." DATE 2013 "this fiscal year"
	expect 2013-03-20 "Output in fiscal 1987 fell." DATE 1987 "fiscal 1987"
	expect 2013-03-20 "The board meets this week." DATE 2013-W12 "this week"
	expect 2013-03-20 "It lost money in the fourth quarter." DATE 2012-Q4 "the fourth quarter"
	expect 2013-03-20 "First-quarter sales will rise." DATE 2013-Q1 "First-quarter"
	expect 2013-03-20 "Crops failed last summer." DATE 2012-SU "last summer"
	expect 2013-03-20 "Growth slowed in the first half of 2012." DATE 2012-H1 "the first half of 2012"
	# the last part of a year written out; "the last quarter" alone is the one before this
	expect 2013-03-20 "Growth slowed in the last half of 2012." DATE 2012-H2 "the last half of 2012"
	expect 2013-03-20 "Growth will slow in the last quarter of 2014." DATE 2014-Q4 "the last quarter of 2014"
	expect 2013-03-20 "Growth slowed in the last quarter." DATE 2012-Q4 "the last quarter"
	expect 2013-03-20 "Sales fell a year earlier." DATE 2012 "a year earlier"
	expect 2013-03-20 "He arrived three days ago." DATE 2013-03-17 "three days ago"
	expect 2013-03-20 "The firm was sold earlier this year." DATE 2013 "earlier this year"
}

@test "a quarter's report: a year earlier is that quarter a year before, unless months were counted; the corresponding period last year" {
	expect 2013-10-20 "Net rose in the third quarter. It grew for several months. In the latest quarter net rose to \$5 from \$4 a year earlier." DATE 2012-Q3 "a year earlier"
	expect 2013-10-20 "Net rose in the third quarter. Net for the nine months was \$9, up from \$7 a year earlier." DATE 2012 "a year earlier"
	# "the quarter a year ago" is one expression: that quarter, the year before
	expect 2013-10-20 "Net rose in the third quarter. Sales were higher than in the quarter a year earlier." DATE 2012-Q3 "the quarter a year earlier"
	expect 2013-10-20 "Net rose in the third quarter, from \$4 in the corresponding period last year." DATE 2012-Q3 "the corresponding period last year"
	expect 2013-10-20 "Net rose in the third quarter. In the comparable year-ago quarter it fell." DATE 2012-Q3 "the comparable year-ago quarter"
	none 2013-10-20 "At the same time, the corresponding rules changed."
}

@test "the present, the past and the future" {
	expect 2013-03-20 "Prices are now higher." DATE PRESENT_REF "now"
	expect 2013-03-20 "He currently lives abroad." DATE PRESENT_REF "currently"
	expect 2013-03-20 "He blamed the current market conditions." DATE PRESENT_REF "current"
	expect 2013-03-20 "The firm recently moved." DATE PAST_REF "recently"
	expect 2013-03-20 "Such things happened in the past." DATE PAST_REF "the past"
	expect 2013-03-20 "Nobody knows what comes in the future." DATE FUTURE_REF "the future"
}

@test "clock times" {
	expect 2013-03-20 "Polls close at 8 PM." TIME 2013-03-20T20:00 "8 PM"
	expect 2013-03-20 "The blast came at 10:30 a.m. EST." TIME 2013-03-20T10:30 "10:30 a.m. EST"
	expect 2013-03-20 "The ban starts at midnight." TIME 2013-03-20T24:00 "midnight"
	expect 2013-03-20 "It ends at 5 p.m. Friday, officials said." TIME 2013-03-15T17:00 "5 p.m. Friday"
}

@test "parts of a day with early, late or mid: of the article's day, or of the day named after" {
	expect 2013-03-20 "By mid afternoon the streets were empty." TIME 2013-03-20TAF "mid afternoon"
	expect 2013-03-20 "Shares were up 2% at mid-afternoon yesterday." TIME 2013-03-19TAF "mid-afternoon yesterday"
	expect 2013-03-20 "The storm struck in the late evening." TIME 2013-03-20TEV "the late evening"
	none 2013-03-20 "Early morning trading was thin."
	none 2013-03-20 "She hosts a late-night show."
}

@test "sets" {
	expect 2013-03-20 "He runs every morning." SET XXXX-XX-XXTMO "every morning"
	expect 2013-03-20 "The fee is paid annually." SET P1Y "annually"
	expect 2013-03-20 "The group meets each week." SET P1W "each week"
	expect 2013-03-20 "The club meets every Thursday." SET XXXX-WXX-4 "every Thursday"
	# "a day" after a count of units is a rate, no day long
	[ "$(found 2013-03-20 'Guards watch the gate 24 hours a day.' | cut -f3)" = "24 hours" ]
	# "a week" after a counted plural is how often: a set, not a week long
	expect 2013-03-20 "The airline runs four flights a week to Lima." SET P1W "a week"
	expect 2013-03-20 "Agents did hundreds of interviews a day." SET P1D "a day"
	expect 2013-03-20 "The talks ended within a week." DURATION P1W "a week"
}

@test "full dates, and numeric dates in both orders" {
	expect 2013-03-20 "He was born on March 13, 1987." DATE 1987-03-13 "March 13, 1987"
	expect 2013-03-20 "He was born on 13 March 1987." DATE 1987-03-13 "13 March 1987"
	expect 2013-03-20 "The file is dated 1987-03-13." DATE 1987-03-13 "1987-03-13"
	expect 2013-03-20 "Filed 13/03/1987 in London." DATE 1987-03-13 "13/03/1987"
	expect 2013-03-20 "Filed 3/13/1987 in Boston." DATE 1987-03-13 "3/13/1987"
	# day first unless the article says otherwise
	expect 2013-03-20 "Filed 07/02/2020 here." DATE 2020-02-07 "07/02/2020"
	[ "$(printf 'Filed 07/02/2020 here.\n' | ndate -H --mdy -r 2013-03-20 | cut -f5)" = 2020-07-02 ]
	# the article's own date settles the order
	expect 2020-07-02 "Filed 07/02/2020 here." DATE 2020-07-02 "07/02/2020"
	# so does another date of the same article
	expect 2013-03-20 "Filed 12/25/2019, amended 07/02/2020." DATE 2020-07-02 "07/02/2020"
	expect 2013-03-20 "The deal will close Sept. 30." DATE 2013-09-30 "Sept. 30"
	expect 2013-03-20 "The deal closed Sept. 30." DATE 2012-09-30 "Sept. 30"
}

@test "ranges" {
	expect 2013-03-20 "Trade grew between 2016 and 2018." DATE 2016 "2016"
	expect 2013-03-20 "Trade grew between 2016 and 2018." DATE 2018 "2018"
	expect 2013-03-20 "Trade grew in 2016-18." DATE 2016 "2016"
	expect 2013-03-20 "Trade grew in 2016-18." DATE 2018 "18"
	expect 2013-03-20 "The show runs from May to July." DATE 2013-05 "May"
	expect 2013-03-20 "The show runs from May to July." DATE 2013-07 "July"
	expect 2013-03-20 "The fair runs March 5-7." DATE 2013-03-05 "March 5"
	expect 2013-03-20 "The fair runs March 5-7." DATE 2013-03-07 "7"
	# a second day of the same month after "and", "or", "to"
	expect 2013-03-20 "Leaders meet in Oslo on April 24 and 25." DATE 2013-04-25 "25"
	expect 2013-03-20 "Voting will be on June 3 or 4." DATE 2013-06-04 "4"
	[ "$(found 2013-03-20 'On May 5 and 6 people were hurt.' | wc -l)" -eq 1 ]
	[ "$(found 2013-03-20 'It fell 3% on May 5 and 6% on May 6.' | cut -f3 | tr '\n' ' ')" = "May 5 May 6 " ]
}

@test "not dates: verbs, fractions, prices, amounts, names" {
	none 2013-03-20 "Protesters may march to the square."
	none 2013-03-20 "They March to the sea, and May I add, it rains."
	none 2013-03-20 "Add 1/2 of the flour."
	none 2013-03-20 "It cost \$27 and 2.4 billion dollars."
	none 2013-03-20 "They left one by one."
	none 2013-03-20 "She read the Sunday Times."
	none 2013-03-20 "Theresa May spoke."
	none 2013-03-20 "A 52-year-old man was hurt."
	none 2013-03-20 "The firm earns \$5 million a year."
	none 2013-03-20 "The vaccine is for ages 6 months and older."
	none 2013-03-20 "Clocks went back at the end of British Summer Time."
	none 2013-03-20 "Pension funds own more than a quarter of the bonds."
	none 2013-03-20 "The quarter-to-quarter rise was slight, and day-to-day work goes on."
	none 2013-03-20 "Thousands marched in the Spring of Hope rallies."
	expect 2013-03-20 "The feud lasted a quarter of a century." DURATION P25Y "a quarter of a century"
}

@test "without a reference date relative expressions stay underspecified" {
	printf 'doc\ttext\nd1\tHe said Thursday that sales rose last year and will rise in August.\n' > in.tsv
	ndate -H in.tsv | cut -f4-6 > got
	grep -qxF "$(printf 'DATE\tXXXX-WXX-4\tThursday')" got
	grep -qxF "$(printf 'DATE\tXXXX\tlast year')" got
	grep -qxF "$(printf 'DATE\tXXXX-08\tAugust')" got
}

@test "TSV input: the date column is the reference; offsets count from the row's start column" {
	printf 'doc\tdate\tstart\ttext\nd1\t2013-03-20\t100\tHe left yesterday.\n' > in.tsv
	run ndate -H in.tsv
	[ "$status" -eq 0 ]
	[ "$output" = "$(printf 'd1\t108\t117\tDATE\t2013-03-19\tyesterday\t')" ]
}

@test "--ref-date overrides the article's date; a bad one is a usage error" {
	[ "$(printf 'doc\tdate\ttext\nd\t2013-03-20\tHe left yesterday.\n' | ndate -H --ref-date 2000-01-01 | cut -f5)" = 1999-12-31 ]
	run ndate -r 2013-13-01 /dev/null
	[ "$status" -eq 2 ]
}

@test "header names the columns" {
	run ndate /dev/null
	[ "$status" -eq 0 ]
	[ "$output" = "$(printf 'doc\tstart\tend\ttype\tvalue\ttext\tmod')" ]
}
