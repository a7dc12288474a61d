package org.mediationledger.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Pages of a case list: counted from 1 in the console's URLs, from 0 in the API's. */
class CaseListsTest {

    @Test
    void thePageInTheUrlCountsFromOne_andNonsenseIsTheFirstPage() {
        assertThat(CaseLists.pageNumber(null)).isZero();
        assertThat(CaseLists.pageNumber("1")).isZero();
        assertThat(CaseLists.pageNumber("3")).isEqualTo(2);
        assertThat(CaseLists.pageNumber("0")).isZero();
        assertThat(CaseLists.pageNumber("-4")).isZero();
        assertThat(CaseLists.pageNumber("abc")).isZero();
    }

    @Test
    void pagesArePartsOfTheTotal_roundedUp() {
        var middle = new CaseLists.CaseListPage(List.of(), 1, 50, 101, null);
        assertThat(middle.pages()).isEqualTo(3);
        assertThat(middle.hasPrevious()).isTrue();
        assertThat(middle.hasNext()).isTrue();
        var last = new CaseLists.CaseListPage(List.of(), 2, 50, 101, null);
        assertThat(last.hasNext()).isFalse();
        assertThat(new CaseLists.CaseListPage(List.of(), 0, 50, 0, null).pages()).isEqualTo(1);
    }

    @Test
    void aPageLinkKeepsTheOtherParameters() {
        CaseLists lists = new CaseLists(null, null);
        assertThat(lists.pageLink("/auditor?stage=CLOSED&page=2&district=%E5%B8%82%E5%8C%97%E5%8C%BA", "page", 3))
                .isEqualTo("/auditor?stage=CLOSED&district=%E5%B8%82%E5%8C%97%E5%8C%BA&page=3");
        assertThat(lists.pageLink("/staff", "waiting", 2)).isEqualTo("/staff?waiting=2");
    }
}
